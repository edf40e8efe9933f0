using System.CommandLine;

namespace ActorPar.Node.Workloads.Csv;

/// <summary><c>coordinator csv</c>: seed 000's CSV reads, K at once on worker actors, or <c>--serial</c>.</summary>
public sealed class CsvCommand : WorkloadCommand
{
    private static readonly Option<long> Rows = WorkloadOptions.Number("--rows", "Lines in the generated file, as the seed's line,data,{i}", 10_000_000L, 1L, 2_000_000_000L);
    private static readonly Option<int> Reads = WorkloadOptions.Number("--reads", "How many times the generated file is read (K; the seed reads it 3 times)", 3, 1, 10_000);
    private static readonly Option<bool> Serial = WorkloadOptions.Switch("--serial", "Read one file after another on one worker, like the seed's plain loop");

    private static readonly Option<string> DataDir = new("--data-dir")
    {
        Description = "Folder for the generated file, written once per size and then reused",
        DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "actorpar-csv"),
    };

    private static readonly Option<string[]> Files = new("--file")
    {
        Description = "Read this CSV file instead of the generated one (repeatable; every worker node must see the path)",
        AllowMultipleArgumentsPerToken = false,
    };

    public override string Name => "csv";
    public override string Description =>
        "Seed 000's I/O-bound reads: generates its 10,000,000-row file once, then worker actors read it K times at once (one worker per read unless --workers); --serial for comparison.";
    public override IEnumerable<Option> Options => [Rows, Reads, DataDir, Files, Serial];

    /// <summary>The seed gives each read its own thread, so by default there is one worker per read.</summary>
    public override IEnumerable<KeyValuePair<string, string>> ConfigDefaults(ParseResult parse) =>
        [new("actorpar.coordinator.workers", Paths(parse).Count.ToString())];

    public override Workload Create(ParseResult parse, WorkloadContext context)
    {
        var rows = parse.GetValue(Rows);
        var generated = Given(parse).Length > 0 ? null : SeedCsvFile.PathFor(Path.GetFullPath(parse.GetValue(DataDir)!), rows);
        return new CsvWorkload(Paths(parse), rows, generated, parse.GetValue(Serial), context.Config.GetInt("actorpar.coordinator.workers"));
    }

    private static string[] Given(ParseResult parse) => parse.GetValue(Files) ?? [];

    /// <summary>The files to read, one task each: those given, or the generated file K times.</summary>
    private static IReadOnlyList<string> Paths(ParseResult parse) => Given(parse) is { Length: > 0 } given
        ? given.Select(Path.GetFullPath).ToArray()
        : Enumerable.Repeat(SeedCsvFile.PathFor(Path.GetFullPath(parse.GetValue(DataDir)!), parse.GetValue(Rows)), parse.GetValue(Reads)).ToArray();
}
