namespace ActorPar.Node.Workloads.Primes;

/// <summary>
/// CPU-bound work, which the seeds give to processes: the primes below M by trial division, in
/// chunks. The same chunks run on one worker and then on all (one per core by default), so the
/// speed-up is measured in one run, and both totals are checked against a sieve.
/// </summary>
public sealed class PrimesWorkload(ParseResult parse, WorkloadContext context) : Workload(context)
{
    private static readonly Option<long> Below = WorkloadOptions.Number("--below", "Count the primes below this number (M)", 10_000_000L, 3L, 1_000_000_000L);
    private static readonly Option<int> Chunks = WorkloadOptions.Number("--chunks", "Tasks the range is cut into", 100, 1, 1_000_000);

    public static WorkloadCommand Command { get; } = new("primes",
        "CPU-bound: counts the primes below M in chunks, on one worker and then on all, and reports the speed-up (one worker per core unless --workers).",
        (parse, context) => new PrimesWorkload(parse, context), Below, Chunks) { ConfigDefaults = _ => [WorkloadCommand.Workers(Math.Max(2, Environment.ProcessorCount))] };

    private const string WarmUp = "warm-up";
    private readonly long _limit = parse.GetValue(Below);
    private readonly int _chunks = (int)Math.Min(parse.GetValue(Chunks), parse.GetValue(Below)); // no empty chunks
    private readonly Dictionary<string, long> _found = new();

    public override string Point => "CPU-bound work on worker actors in separate processes, so no GIL: the speed-up is bounded by the cores, and each chunk goes to whichever worker is free.";
    public override Props WorkerProps => Props.Create<PrimesWorker>();
    public override IEnumerable<string> Preamble =>
        [$"primes below {WorkloadOptions.Show(_limit)} in {_chunks} chunks, after an untimed warm-up on every worker: first on one worker, then on {Context.Workers}; {Environment.ProcessorCount} cores on this machine"];

    /// <summary>
    /// An untimed warm-up on every worker first: the first task of a kind on a node pays one-time costs (MessagePack writes
    /// the formatter, the JIT compiles the loop), which the one-worker leg would pay on one node and the all-workers leg on the others.
    /// </summary>
    protected override IReadOnlyList<WorkloadJob> DefineJobs() =>
    [
        new(WarmUp, PrimeMath.Chunks(Math.Min(_limit, 200_000), 4 * Context.Workers), 4 * Context.Workers),
        new("one worker", PrimeMath.Chunks(_limit, _chunks), _chunks, MaxWorkers: 1),
        new($"{Context.Workers} workers", PrimeMath.Chunks(_limit, _chunks), _chunks),
    ];

    /// <summary>The number of primes below the limit, by the sieve: what every timed job must find.</summary>
    public long Expected => field is 0 ? field = PrimeMath.SieveCount(_limit) : field;
    private long Found(JobRun run) => _found.GetValueOrDefault(run.Job.Name);
    private static JobRun[] Timed(IReadOnlyList<JobRun> runs) => [.. runs.Where(r => r.Job.Name != WarmUp)];
    private static double? SpeedUp(JobRun[] timed) => timed is [var one, var all] && all.MakespanMs > 0 ? one.MakespanMs / all.MakespanMs : null;

    public override string? Take(WorkloadJob job, TaskResult result)
    {
        if (result.Result is long count) _found[job.Name] = _found.GetValueOrDefault(job.Name) + count;
        return Failure(result);
    }

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) =>
    [
        .. Timed(runs).Select(run => $"{run.Job.Name}: {WorkloadOptions.Show(Found(run))} primes" +
                                     (Found(run) == Expected ? " (the sieve agrees)" : $" (WRONG: the sieve finds {WorkloadOptions.Show(Expected)})")),
        $"speed-up {SpeedUp(Timed(runs)):0.00}x with {Context.Workers} workers on {Environment.ProcessorCount} cores",
    ];

    public override bool Verify(IReadOnlyList<JobRun> runs) => Timed(runs).All(r => Found(r) == Expected);

    public override object Figures(IReadOnlyList<JobRun> runs) => new
    {
        PrimeCount = Timed(runs) is [.., var last] ? Found(last) : (long?)null, ExpectedCount = Expected, Cores = Environment.ProcessorCount,
        SpeedUp = SpeedUp(Timed(runs)) is { } speedUp ? Math.Round(speedUp, 3) : (double?)null,
    };
}
