using System.Globalization;
using ActorPar.BenchReport;

// bench/BenchReport: samples.csv in, results.md and chart.png out. bench/run.sh runs it last.
//   BenchReport --samples FILE --out DIR [--micro DIR] [--reps N] [--elapsed SECONDS] [--quick] [--load TEXT]
var options = new Dictionary<string, string>();
var flags = new HashSet<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--quick") flags.Add("quick");
    else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) options[args[i][2..]] = args[++i];
    else return Fail($"unknown argument '{args[i]}'");
}
if (!options.TryGetValue("samples", out var samplesPath) || !options.TryGetValue("out", out var outDir))
    return Fail("usage: BenchReport --samples FILE --out DIR [--micro DIR] [--reps N] [--elapsed SECONDS] [--quick] [--load TEXT]");
if (!File.Exists(samplesPath)) return Fail($"no samples file at {samplesPath}");

IReadOnlyList<Sample> samples;
try
{
    samples = Samples.Read(samplesPath);
}
catch (Exception e) when (e is FormatException or IOException or IndexOutOfRangeException or InvalidOperationException)
{
    return Fail($"cannot read {samplesPath}: {e.Message}");
}

Directory.CreateDirectory(outDir);
var rows = Report.Rows(samples);
var run = new RunInfo(
    options.TryGetValue("reps", out var reps) ? reps : "?",
    options.TryGetValue("elapsed", out var elapsed) && int.TryParse(elapsed, CultureInfo.InvariantCulture, out var seconds) ? seconds : null,
    flags.Contains("quick"),
    options.GetValueOrDefault("load"));
var markdown = Report.Markdown(rows, run, options.GetValueOrDefault("micro"));
File.WriteAllText(Path.Combine(outDir, "results.md"), markdown);
Chart.Save(rows, Path.Combine(outDir, "chart.png"));
Console.Write(Report.Console(rows));
Console.WriteLine($"wrote {Path.Combine(outDir, "results.md")} and chart.png");
return 0;

static int Fail(string message)
{
    Console.Error.WriteLine($"BenchReport: {message}");
    return 2;
}
