using System.Diagnostics;
using ActorPar.Coordination;
using ActorPar.Hosting;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Csv;

/// <summary>
/// Seed 000's I/O-bound example: the seed writes 10,000,000 rows of <c>line,data,{i}</c> and
/// reads the file 3 times, in a loop and then on 3 threads. Here the file is generated once
/// per size into a folder (on the coordinator, before the workers start), and worker
/// actors on the worker nodes read K files at once, or one after another with
/// <c>--serial</c>. Files given with <c>--file</c> are read instead. A file that cannot be
/// read fails its task, and the report lists it with its path.
/// </summary>
public sealed class CsvWorkload(IReadOnlyList<string> files, long rows, string? generated, bool serial, int workers) : Workload
{
    private readonly List<TaskResult> _results = [];
    private string? _generation;

    public override string Name => "csv";

    public override string Point =>
        "I/O-bound reads on worker actors that run on a dispatcher meant for blocking I/O: K files at once across processes, " +
        "and a file that cannot be read is that task's failure, named by its path.";

    public override Props WorkerProps => CsvWorker.Props();

    public override IReadOnlyList<WorkloadJob> Jobs =>
        field ??= [new WorkloadJob(serial ? "serial" : "at once", files.Select(f => (object?)new CsvRead(f)).ToArray(), files.Count, serial ? 1 : null)];

    /// <summary>Files read at the same time.</summary>
    public int AtOnce => serial ? 1 : Math.Min(workers, files.Count);

    public override async Task PrepareAsync(ActorSystem system, CancellationToken cancellation)
    {
        if (generated is null) return;
        var clock = Stopwatch.StartNew();
        bool wrote;
        try
        {
            wrote = await SeedCsvFile.EnsureAsync(generated, rows, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeStartException($"cannot write {generated}: {e.Message}", e);
        }
        var size = $"{WorkloadOptions.Show(rows)} rows, {SeedCsvFile.SizeOf(rows) / 1e6:0.0} MB";
        _generation = wrote ? $"generated {generated} ({size}) in {clock.Elapsed.TotalSeconds:0.00}s" : $"reusing {generated} ({size})";
    }

    public override IEnumerable<string> Preamble
    {
        get
        {
            if (_generation is not null) yield return _generation;
            yield return $"{files.Count} read(s), " + (serial ? "one after another (--serial)" : $"{AtOnce} at once");
        }
    }

    public override void Record(WorkloadJob job, TaskResult result) => _results.Add(result);

    public override string? Line(WorkloadJob job, TaskResult result) => result.Result is CsvFileRead read
        ? $"read {read.Path}: {WorkloadOptions.Show(read.Rows)} rows in {read.Seconds:0.00}s (worker {result.Worker.Id})"
        : base.Line(job, result);

    private IEnumerable<CsvFileRead> Reads => _results.Select(r => r.Result).OfType<CsvFileRead>();

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs, RunTimings timings)
    {
        var run = runs.Single();
        var seconds = run.MakespanMs / 1000;
        var totalRows = Reads.Sum(r => r.Rows);
        yield return $"{Reads.Count()} of {files.Count} file(s) read " + (serial ? "one after another" : $"{AtOnce} at once") +
                     $" in {seconds:0.00}s: {WorkloadOptions.Show(totalRows)} rows, {WorkloadOptions.Show(Math.Round(totalRows / Math.Max(seconds, 1e-9)))} rows/s";
        if (generated is not null && !Verify(runs))
            yield return $"WRONG: every read of {generated} should give {WorkloadOptions.Show(SeedCsvFile.DataRowsOf(rows))} rows adding up to {SeedCsvFile.ValueSumOf(rows)}";
    }

    /// <summary>Every read of the generated file found all its rows, and their values add up.</summary>
    public override bool Verify(IReadOnlyList<JobRun> runs) =>
        generated is null || Reads.All(r => r.Path != generated || (r.Rows == SeedCsvFile.DataRowsOf(rows) && r.ValueSum == SeedCsvFile.ValueSumOf(rows)));

    public override IReadOnlyDictionary<string, object?> ReportFields(IReadOnlyList<JobRun> runs, RunTimings timings)
    {
        var seconds = runs.Count > 0 ? runs[0].MakespanMs / 1000 : 0;
        var totalRows = Reads.Sum(r => r.Rows);
        return new Dictionary<string, object?>
        {
            ["mode"] = serial ? "serial" : "at once",
            ["at_once"] = AtOnce,
            ["generated"] = generated,
            ["generated_rows"] = generated is null ? null : rows,
            ["files"] = _results.OrderBy(r => r.Index).Select(r => r.Result is CsvFileRead read
                ? new Dictionary<string, object?> { ["path"] = read.Path, ["rows"] = read.Rows, ["value_sum"] = read.ValueSum, ["seconds"] = Math.Round(read.Seconds, 3) }
                : new Dictionary<string, object?> { ["path"] = (r.Input as CsvRead)?.Path, ["error"] = r.Error }).ToArray(),
            ["total_rows"] = totalRows,
            ["makespan_ms"] = Math.Round(seconds * 1000, 1),
            ["rows_per_second"] = seconds > 0 ? Math.Round(totalRows / seconds) : null,
        };
    }
}
