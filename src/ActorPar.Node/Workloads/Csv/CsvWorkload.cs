namespace ActorPar.Node.Workloads.Csv;

/// <summary>
/// Seed 000's I/O-bound example: the seed writes 10,000,000 rows of <c>line,data,{i}</c> and reads
/// the file 3 times, in a loop and then on 3 threads. Here the file is generated once per size on
/// the coordinator, then read on the worker nodes (one worker per read by default), or files given
/// with <c>--file</c> are. A file that cannot be read fails its task, which the report names by path.
/// </summary>
public sealed class CsvWorkload(ParseResult parse, WorkloadContext context) : Workload(context)
{
    private static readonly Option<long> Rows = WorkloadOptions.Number("--rows", "Lines in the generated file, as the seed's line,data,{i}", 10_000_000L, 1L, 2_000_000_000L);
    private static readonly Option<int> Reads = WorkloadOptions.Number("--reads", "How many times the generated file is read (K; the seed reads it 3 times)", 3, 1, 10_000);
    private static readonly Option<string?> DataDir =
        WorkloadOptions.File("--data-dir", "Folder for the generated file, written once per size and then reused", Path.Combine(Path.GetTempPath(), "actorpar-csv"), "DIR");
    private static readonly Option<string[]> Files = new("--file")
        { Description = "Read this CSV file instead of the generated one (repeatable; every worker node must see the path)", HelpName = "FILE" };
    private static readonly Option<bool> Serial = WorkloadOptions.Switch("--serial", "Read one file after another on one worker, like the seed's plain loop");

    public static WorkloadCommand Command { get; } = new("csv",
        "Seed 000's I/O-bound reads: generates its 10,000,000-row file once, then worker actors read it K times at once (one worker per read unless --workers); --serial for comparison.",
        (parse, context) => new CsvWorkload(parse, context), Rows, Reads, DataDir, Files, Serial) { ConfigDefaults = parse => [WorkloadCommand.Workers(Paths(parse).Length)] };

    private readonly long _rows = parse.GetValue(Rows);
    private readonly bool _serial = parse.GetValue(Serial);
    private readonly string[] _files = Paths(parse);
    private readonly string? _generated = parse.GetValue(Files) is { Length: > 0 } ? null : Generated(parse);
    private readonly List<TaskResult> _results = [];
    private string? _generation;

    private static string Generated(ParseResult parse) => SeedCsvFile.PathFor(Path.GetFullPath(parse.GetValue(DataDir)!), parse.GetValue(Rows));

    /// <summary>The files to read, one task each: those given, or the generated file K times.</summary>
    private static string[] Paths(ParseResult parse) =>
        parse.GetValue(Files) is { Length: > 0 } given ? [.. given.Select(Path.GetFullPath)] : [.. Enumerable.Repeat(Generated(parse), parse.GetValue(Reads))];

    public override string Point => "I/O-bound reads on worker actors that run on a dispatcher meant for blocking I/O: K files at once across processes, " +
                                    "and a file that cannot be read is that task's failure, named by its path.";
    public override Props WorkerProps => CsvWorker.Props();
    protected override IReadOnlyList<WorkloadJob> DefineJobs() =>
        [new(_serial ? "serial" : "at once", _files.Select(f => (object?)new CsvRead(f)).ToArray(), _files.Length, _serial ? 1 : null)];

    /// <summary>The most files read at the same time: one per worker.</summary>
    public int AtOnce => _serial ? 1 : Math.Min(Context.Workers, _files.Length);

    public override async Task PrepareAsync(ActorSystem system, CancellationToken cancellation)
    {
        if (_generated is not null) _generation = await SeedCsvFile.PrepareAsync(_generated, _rows, cancellation);
    }

    public override IEnumerable<string> Preamble =>
        [.. _generation is null ? [] : new[] { _generation }, $"{_files.Length} read(s), " + (_serial ? "one after another (--serial)" : $"up to {AtOnce} at once")];

    public override string? Take(WorkloadJob job, TaskResult result)
    {
        _results.Add(result);
        return result.Result is CsvFileRead read ? $"read {read.Path}: {WorkloadOptions.Show(read.Rows)} rows in {read.Seconds:0.00}s (worker {result.Worker.Id})" : Failure(result);
    }

    private CsvFileRead[] Done => [.. _results.Select(r => r.Result).OfType<CsvFileRead>()];
    private double RowsPerSecond(JobRun run) => run.MakespanMs > 0 ? Math.Round(Done.Sum(r => r.Rows) / (run.MakespanMs / 1000)) : 0;

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) =>
    [
        $"{Done.Length} of {_files.Length} file(s) read: {WorkloadOptions.Show(Done.Sum(r => r.Rows))} rows, {WorkloadOptions.Show(RowsPerSecond(runs[0]))} rows/s",
        .. Verify(runs) ? Array.Empty<string>()
            : [$"WRONG: every read of {_generated} should give {WorkloadOptions.Show(SeedCsvFile.DataRowsOf(_rows))} rows adding up to {SeedCsvFile.ValueSumOf(_rows)}"],
    ];

    /// <summary>Every read of the generated file found all its rows, and their values add up.</summary>
    public override bool Verify(IReadOnlyList<JobRun> runs) =>
        Done.All(r => r.Path != _generated || (r.Rows == SeedCsvFile.DataRowsOf(_rows) && r.ValueSum == SeedCsvFile.ValueSumOf(_rows)));

    public override object Figures(IReadOnlyList<JobRun> runs) => new
    {
        AtOnce, Generated = _generated, TotalRows = Done.Sum(r => r.Rows), RowsPerSecond = runs.Count > 0 ? RowsPerSecond(runs[0]) : (double?)null,
        Files = _results.OrderBy(r => r.Index).Select(r => r.Result is CsvFileRead read
            ? (object)new { read.Path, read.Rows, read.ValueSum, Seconds = Math.Round(read.Seconds, 3) } : new { (r.Input as CsvRead)?.Path, r.Error }),
    };
}
