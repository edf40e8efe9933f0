using ActorPar.Coordination;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Primes;

/// <summary>
/// CPU-bound work, which the seeds give to processes: count the primes below M by trial
/// division, in chunks. The same chunks run twice on the same cluster, first lent to one
/// worker and then to all of them, so the speed-up is measured in one run, on one machine.
/// Both totals are checked against a sieve computed on the coordinator.
/// </summary>
public sealed class PrimesWorkload(long limit, int chunks, int workers) : Workload
{
    private readonly Dictionary<string, long> _found = new();
    private long? _expected;

    public override string Name => "primes";

    public override string Point =>
        "CPU-bound work on worker actors in separate processes, so no GIL: the speed-up is bounded by the cores, " +
        "and each chunk goes to whichever worker is free.";

    public override Props WorkerProps => Props.Create<PrimesWorker>();

    /// <summary>
    /// A short warm-up on every worker first, not timed: the first task of a kind on a node
    /// pays one-time costs (MessagePack writes the PrimeRange formatter, the JIT compiles the
    /// loop), and without it the one-worker leg paid them on one node and the all-workers leg
    /// on the others. Then the two timed legs compare steady state with steady state.
    /// </summary>
    public override IReadOnlyList<WorkloadJob> Jobs => field ??=
    [
        new(WarmUp, PrimeMath.Chunks(Math.Min(limit, 200_000), 4 * workers), 4 * workers),
        new("one worker", PrimeMath.Chunks(limit, chunks), chunks, MaxWorkers: 1),
        new($"{workers} workers", PrimeMath.Chunks(limit, chunks), chunks),
    ];

    private const string WarmUp = "warm-up";

    /// <summary>The timed legs: one worker, then all of them.</summary>
    private static IReadOnlyList<JobRun> Timed(IReadOnlyList<JobRun> runs) => runs.Where(r => r.Job.Name != WarmUp).ToList();

    /// <summary>The number of primes below the limit, by the sieve: what every job must find.</summary>
    public long Expected => _expected ??= PrimeMath.SieveCount(limit);

    public override IEnumerable<string> Preamble =>
        [$"primes below {WorkloadOptions.Show(limit)} in {chunks} chunks, after an untimed warm-up on every worker: first on one worker, then on {workers}; {Environment.ProcessorCount} cores on this machine"];

    public override void Record(WorkloadJob job, TaskResult result)
    {
        if (result.Result is long count) _found[job.Name] = _found.GetValueOrDefault(job.Name) + count;
    }

    public long Found(WorkloadJob job) => _found.GetValueOrDefault(job.Name);

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> all, RunTimings timings)
    {
        var runs = Timed(all);
        foreach (var run in runs)
            yield return $"{run.Job.Name}: {WorkloadOptions.Show(Found(run.Job))} primes in {run.MakespanMs / 1000:0.00}s" +
                         (Found(run.Job) == Expected ? " (the sieve agrees)" : $" (WRONG: the sieve finds {WorkloadOptions.Show(Expected)})");
        yield return $"speed-up {SpeedUp(runs):0.00}x with {workers} workers on {Environment.ProcessorCount} cores";
    }

    public override bool Verify(IReadOnlyList<JobRun> runs) => Timed(runs).All(r => Found(r.Job) == Expected);

    public override IReadOnlyDictionary<string, object?> ReportFields(IReadOnlyList<JobRun> all, RunTimings timings)
    {
        var runs = Timed(all);
        return new Dictionary<string, object?>
        {
            ["primes_below"] = limit,
            ["chunks"] = chunks,
            ["prime_count"] = runs.Count > 0 ? Found(runs[^1].Job) : null,
            ["expected_count"] = Expected,
            ["workers"] = workers,
            ["cores"] = Environment.ProcessorCount,
            ["one_worker_ms"] = runs.Count > 0 ? Math.Round(runs[0].MakespanMs, 1) : null,
            ["all_workers_ms"] = runs.Count > 1 ? Math.Round(runs[1].MakespanMs, 1) : null,
            ["speed_up"] = runs.Count > 1 ? Math.Round(SpeedUp(runs), 3) : null,
        };
    }

    private static double SpeedUp(IReadOnlyList<JobRun> runs) => runs[1].MakespanMs > 0 ? runs[0].MakespanMs / runs[1].MakespanMs : 0;
}
