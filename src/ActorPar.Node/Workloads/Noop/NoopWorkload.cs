using ActorPar.Coordination;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Noop;

/// <summary>
/// A benchmark, not a seed: N tasks that return their input, taken in as they complete. The
/// tasks cost nothing, so the rate is what the coordinator, the serializer and the remoting
/// between processes can carry. The sum of the results checks that each came back once.
/// </summary>
public sealed class NoopWorkload(long count, int workers, int batchMax) : Workload
{
    private long _received;
    private long _sum;

    public override string Name => "noop";

    public override string Point => "Dispatch alone: trivial tasks, so the rate is the cost of moving a task to another process and its result back.";

    public override Props WorkerProps => Props.Create<NoopWorker>();

    protected override IEnumerable<object?> Inputs
    {
        get
        {
            for (long x = 0; x < count; x++) yield return x;
        }
    }

    protected override long? Count => count;

    /// <summary>0 + 1 + ... + (N - 1).</summary>
    public long ExpectedSum => count * (count - 1) / 2;

    public override IEnumerable<string> Preamble =>
        [$"{WorkloadOptions.Show(count)} trivial tasks on {workers} workers, " + (batchMax <= 1 ? "one task per message (--batch-max 1)" : $"adaptive batches of up to {WorkloadOptions.Show(batchMax)}")];

    public override void Record(WorkloadJob job, TaskResult result)
    {
        if (result.Result is not long x) return;
        _received++;
        _sum += x;
    }

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs, RunTimings timings)
    {
        var run = runs.Single();
        yield return $"{WorkloadOptions.Show(_received)} results, sum {(_sum == ExpectedSum ? "as expected" : $"WRONG: {_sum}, expected {ExpectedSum}")}";
        yield return $"makespan {run.MakespanMs / 1000:0.000}s: {WorkloadOptions.Show(Math.Round(TasksPerSecond(run)))} tasks/s on {workers} workers";
    }

    public override bool Verify(IReadOnlyList<JobRun> runs) => _received == count && _sum == ExpectedSum;

    public override IReadOnlyDictionary<string, object?> ReportFields(IReadOnlyList<JobRun> runs, RunTimings timings) =>
        new Dictionary<string, object?>
        {
            ["count"] = count,
            ["workers"] = workers,
            ["batch_max"] = batchMax,
            ["makespan_ms"] = runs.Count > 0 ? Math.Round(runs[0].MakespanMs, 1) : null,
            ["tasks_per_second"] = runs.Count > 0 ? Math.Round(TasksPerSecond(runs[0])) : null,
        };

    private double TasksPerSecond(JobRun run) => run.MakespanMs > 0 ? _received / (run.MakespanMs / 1000) : 0;
}
