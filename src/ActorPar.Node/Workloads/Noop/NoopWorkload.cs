namespace ActorPar.Node.Workloads.Noop;

/// <summary>
/// A benchmark, not a seed: N tasks that return their input, on one worker per worker node by
/// default (the Python baseline is a Queue read by one process per core). The tasks cost nothing,
/// so the host's tasks/s is dispatch alone; the sum of the results checks that each came back once.
/// </summary>
public sealed class NoopWorkload(ParseResult parse, WorkloadContext context) : Workload(context)
{
    private static readonly Option<long> Count = WorkloadOptions.Number("--count", "How many trivial tasks (f(x) = x) to run", 1_000_000L, 1L, 1_000_000_000L);

    public static WorkloadCommand Command { get; } = new("noop",
        "Benchmark: N trivial tasks (f(x) = x), one worker per worker node, results as they complete; tasks/s is dispatch alone. --batch-max 1 sends them one by one.",
        (parse, context) => new NoopWorkload(parse, context), Count) { ConfigDefaults = _ => [WorkloadCommand.Workers(2)] };

    private readonly long _count = parse.GetValue(Count);
    private readonly int _batchMax = context.Config.GetInt(ConfigKeys.ChunkMax.Key);
    private long _sum;

    public override string Point => "Dispatch alone: trivial tasks, so the rate is the cost of moving a task to another process and its result back.";
    public override Props WorkerProps => Props.Create<NoopWorker>();
    protected override IReadOnlyList<WorkloadJob> DefineJobs() => [new(Name, Numbers(_count))];
    public override IEnumerable<string> Preamble => [$"{WorkloadOptions.Show(_count)} trivial tasks on {Context.Workers} workers, " +
                                                     (_batchMax <= 1 ? "one task per message (--batch-max 1)" : $"adaptive chunks of up to {WorkloadOptions.Show(_batchMax)}")];

    /// <summary>0 + 1 + ... + (N - 1).</summary>
    public long ExpectedSum => _count * (_count - 1) / 2;

    public override void TakeRun(WorkloadJob job, ResultRun run, Action<string> line)
    {
        if (run.TryGetResults<long>(out var results))
            foreach (var x in results) _sum += x;
        else base.TakeRun(job, run, line);
    }

    public override string? Take(WorkloadJob job, TaskResult result)
    {
        if (result.Result is long x) _sum += x;
        return Failure(result);
    }

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) =>
        [$"{WorkloadOptions.Show(runs[0].Summary.Completed)} results, sum {(_sum == ExpectedSum ? "as expected" : $"WRONG: {_sum}, expected {ExpectedSum}")}"];

    public override bool Verify(IReadOnlyList<JobRun> runs) => _sum == ExpectedSum;
    public override object Figures(IReadOnlyList<JobRun> runs) => new { BatchMax = _batchMax, Sum = _sum, ExpectedSum };
}
