using System.Globalization;
using System.Text;

namespace ActorPar.BenchReport;

/// <summary>How the samples were taken, for the report's header.</summary>
public sealed record RunInfo(string Reps, int? ElapsedSeconds, bool Quick, string? Load);

/// <summary>One line of the table: a contender's figures for a metric, with its ratio and target when it has them.</summary>
public sealed record Row(Metric Metric, string Contender, Stats Stats, double? Ratio, Target? Target, bool? Met, bool IsBaseline);

/// <summary>Builds the report's rows from the samples, and writes them as Markdown or console text.</summary>
public static class Report
{
    public static IReadOnlyList<Row> Rows(IReadOnlyList<Sample> samples)
    {
        var rows = new List<Row>();
        foreach (var metric in Metric.All)
        {
            var byContender = samples.Where(s => s.Metric == metric.Id).GroupBy(s => s.Contender).ToDictionary(g => g.Key, g => (IReadOnlyList<Sample>)g.ToList());
            if (byContender.Count == 0) continue;
            var stats = byContender.ToDictionary(c => c.Key, c => Stats.Of(c.Value));
            var baselineName = metric.PickBaseline(stats);
            var baseline = baselineName is null ? null : stats[baselineName];
            foreach (var contender in metric.Contenders.Concat(byContender.Keys.Except(metric.Contenders)))
            {
                if (!stats.TryGetValue(contender, out var mine)) continue;
                var isBaseline = contender == baselineName;
                var ratio = isBaseline || metric.Baselines.Contains(contender) ? null : metric.Ratio(mine.Median, baseline?.Median);
                var target = metric.Targets.GetValueOrDefault(contender);
                bool? met = target is null ? null : mine.Median is { } median && target.Met(median, ratio);
                rows.Add(new Row(metric, contender, mine, ratio, target, met, isBaseline));
            }
        }
        return rows;
    }

    public static string Markdown(IReadOnlyList<Row> rows, RunInfo run, string? microDir)
    {
        var md = new StringBuilder();
        md.AppendLine("# ActorPar benchmarks");
        md.AppendLine();
        md.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `bench/run.sh{(run.Quick ? " --quick" : "")}` on {Environment.ProcessorCount} cores, " +
                      $"{run.Reps} repetition(s) of every measurement, interleaved metric by metric (Python, Dask, ActorPar)" +
                      (run.ElapsedSeconds is { } s ? $"; the whole run took {s / 60}m{s % 60:00}s" : "") +
                      (run.Load is { } load ? $"; load average at the end: {load}" : "") + ".");
        if (run.Quick) md.AppendLine().AppendLine("**Quick run:** smaller sizes than the full benchmark; the figures only show that everything runs.");
        md.AppendLine();
        md.AppendLine("Ratios are ActorPar's median against the baseline's median, as \"times better\" (more per second, or less time). " +
                      "A target is met when ActorPar's median meets it. *never*: the contender never got there (a job that hung or a pool that broke).");
        md.AppendLine();
        md.AppendLine("## Summary");
        md.AppendLine();
        md.AppendLine("ActorPar's median against its baseline's (this table is the one the README quotes):");
        md.AppendLine();
        md.Append(SummaryTable(rows));
        md.AppendLine();
        md.AppendLine("## Every contender");
        md.AppendLine();
        md.AppendLine("| metric | contender | min | median | max | n | ratio vs baseline | target | met? |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var row in rows)
        {
            var first = rows.First(r => r.Metric == row.Metric) == row;
            var name = first ? $"**{row.Metric.Title}**" : "";
            var contender = row.IsBaseline ? $"{row.Contender} (baseline: the best of {string.Join(", ", row.Metric.Baselines)})" : row.Contender;
            md.AppendLine($"| {name} | {contender} | {Show(row.Stats.Min, row.Stats)} | {Show(row.Stats.Median, row.Stats, never: row.Stats.Median is null && row.Stats.Never > 0)} | " +
                          $"{Show(row.Stats.Max, row.Stats)} | {row.Stats.Count}{(row.Stats.Never > 0 ? $" ({row.Stats.Never} never)" : "")} | " +
                          $"{(row.Ratio is { } ratio ? $"{ratio.ToString(ratio >= 10 ? "0" : "0.00", CultureInfo.InvariantCulture)}×" : "")} | " +
                          $"{row.Target?.Text ?? ""} | {(row.Met is { } met ? met ? "**yes**" : "no" : "")} |");
        }
        md.AppendLine();
        md.AppendLine("The issue's figures for the Python side, measured before on this kind of machine:");
        md.AppendLine();
        foreach (var metric in rows.Select(r => r.Metric).Distinct()) md.AppendLine($"- {metric.Title}: {metric.Python}");
        md.AppendLine();
        md.AppendLine("Notes on the last sample of each contender:");
        md.AppendLine();
        foreach (var row in rows.Where(r => r.Stats.Note.Length > 0)) md.AppendLine($"- {row.Metric.Id} / {row.Contender}: {row.Stats.Note}");
        md.AppendLine();
        md.AppendLine("![ActorPar against its baselines](chart.png)");
        AppendMicro(md, microDir);
        return md.ToString();
    }

    /// <summary>One line per ActorPar figure: the baseline's median beside it, the ratio, the target and whether it is met.</summary>
    public static string SummaryTable(IReadOnlyList<Row> rows)
    {
        var md = new StringBuilder();
        md.AppendLine("| metric | baseline (median) | ActorPar (median) | ratio | target | met? |");
        md.AppendLine("|---|---|---:|---:|---|---|");
        foreach (var row in rows.Where(r => r.Contender.StartsWith("actorpar", StringComparison.Ordinal)))
        {
            var baseline = rows.FirstOrDefault(r => r.Metric == row.Metric && r.IsBaseline);
            var title = row.Metric.Title + (row.Contender == "actorpar" ? "" : $" ({row.Contender["actorpar-".Length..]})");
            md.AppendLine($"| {title} | {(baseline is null ? "—" : $"{baseline.Contender}: {Show(baseline.Stats.Median, baseline.Stats)}")} | " +
                          $"{Show(row.Stats.Median, row.Stats, row.Stats.Median is null && row.Stats.Never > 0)} | " +
                          $"{(row.Ratio is { } ratio ? $"{ratio.ToString(ratio >= 10 ? "0" : "0.00", CultureInfo.InvariantCulture)}×" : "")} | " +
                          $"{row.Target?.Text ?? ""} | {(row.Met is { } met ? met ? "**yes**" : "no" : "")} |");
        }
        return md.ToString();
    }

    public static string Console(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine($"{row.Metric.Id,-14} {row.Contender,-26} median {Show(row.Stats.Median, row.Stats, row.Stats.Median is null && row.Stats.Never > 0),14}" +
                            (row.Ratio is { } r ? $"  {r,7:0.00}x" : "          ") +
                            (row.Target is { } t ? $"  target {t.Text}: {(row.Met == true ? "met" : "MISSED")}" : ""));
        return text.ToString();
    }

    private static string Show(double? value, Stats stats, bool never = false)
    {
        if (value is not { } v) return never ? "never" : "";
        var unit = stats.Unit;
        var number = Math.Abs(v) >= 1000 ? v.ToString("N0", CultureInfo.InvariantCulture)
            : Math.Abs(v) >= 100 ? v.ToString("0", CultureInfo.InvariantCulture)
            : Math.Abs(v) >= 10 ? v.ToString("0.0", CultureInfo.InvariantCulture)
            : v.ToString("0.000", CultureInfo.InvariantCulture);
        return unit == "x" ? $"{number}×" : $"{number} {unit.Replace("us", "µs")}";
    }

    /// <summary>BenchmarkDotNet's own GitHub-flavoured tables, one per benchmark class.</summary>
    private static void AppendMicro(StringBuilder md, string? microDir)
    {
        var results = microDir is null ? null : Path.Combine(microDir, "results");
        if (results is null || !Directory.Exists(results)) return;
        var tables = Directory.GetFiles(results, "*-report-github.md").Order().ToArray();
        if (tables.Length == 0) return;
        md.AppendLine();
        md.AppendLine("## Microbenchmarks (BenchmarkDotNet, in process)");
        foreach (var table in tables)
        {
            md.AppendLine();
            md.AppendLine($"### {Path.GetFileName(table).Replace("-report-github.md", "").Split('.').Last()}");
            md.AppendLine();
            md.AppendLine(File.ReadAllText(table).Trim());
        }
    }
}
