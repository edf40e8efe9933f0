namespace ActorPar.BenchReport;

/// <summary>A target for one ActorPar contender: a ratio over the metric's baseline, or a limit on the value itself.</summary>
public abstract record Target(string Text)
{
    public abstract bool Met(double value, double? ratio);
}

/// <summary>At least <paramref name="Times"/> better than the baseline (faster, or more per second).</summary>
public sealed record RatioTarget(double Times) : Target($"≥ {Times:0.##}× the baseline")
{
    public override bool Met(double value, double? ratio) => ratio >= Times;
}

/// <summary>The value itself at most (or, for higher-is-better, at least) <paramref name="Limit"/>.</summary>
public sealed record LimitTarget(double Limit, bool AtLeast, string Unit) : Target($"{(AtLeast ? "≥" : "≤")} {Limit:0.###} {Unit}")
{
    public override bool Met(double value, double? ratio) => AtLeast ? value >= Limit : value <= Limit;
}

/// <summary>
/// One metric of the report: its contenders in the order shown, the baselines (the ratios are
/// taken against the best of them in the run: for the Queue, the faster of the seed's and the
/// expert's), and the targets of the ActorPar contenders.
/// </summary>
public sealed record Metric(string Id, string Title, bool HigherIsBetter, IReadOnlyList<string> Baselines, IReadOnlyList<string> Contenders,
    IReadOnlyDictionary<string, Target> Targets, string Python)
{
    /// <summary>The baseline of this run: the best median among <see cref="Baselines"/>.</summary>
    public string? PickBaseline(IReadOnlyDictionary<string, Stats> medians)
    {
        var present = Baselines.Where(b => medians.TryGetValue(b, out var s) && s.Median is not null).ToList();
        if (present.Count == 0) return null;
        return HigherIsBetter ? present.MaxBy(b => medians[b].Median) : present.MinBy(b => medians[b].Median);
    }

    /// <summary>How many times better than the baseline a value is: more per second, or less time.</summary>
    public double? Ratio(double? value, double? baseline) =>
        value is not { } v || baseline is not { } b || v <= 0 || b <= 0 ? null : HigherIsBetter ? v / b : b / v;

    public static IReadOnlyList<Metric> All { get; } =
    [
        new("dispatch", "per-task dispatch, trivial tasks, 2 worker processes", true, ["python-queue", "python-queue-expert"],
            ["python-queue", "python-queue-expert", "python-pool-chunksize-1", "python-executor", "dask", "actorpar-unbatched", "actorpar-batched"],
            new Dictionary<string, Target> { ["actorpar-unbatched"] = new RatioTarget(1), ["actorpar-batched"] = new RatioTarget(10) },
            "Queue 82–92k/s, Pool.map(chunksize=1) 25–34k/s, ProcessPoolExecutor 8k/s, Dask 0.5k/s"),
        new("bulk_map", "bulk ordered map of 100k trivial tasks", true, ["python-pool-map"], ["python-pool-map", "actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new RatioTarget(2) }, "Pool.map default chunks 5–6M/s"),
        new("bulk_map_1m", "bulk ordered map of 1M trivial tasks", true, ["python-pool-map"], ["python-pool-map", "actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new RatioTarget(2) }, "—"),
        new("mapasync", "WorkerPool.MapAsync of 100k (baseline: Pool(2).map of 100k)", true, ["python-pool-map"], ["python-pool-map", "actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new RatioTarget(1) }, "—"),
        new("roundtrip", "single-task round trip across processes (median)", false, ["python-queue", "python-queue-expert"],
            ["python-queue", "python-queue-expert", "dask", "actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new RatioTarget(1) }, "Queue 47–57 µs, Dask 10.7 ms"),
        new("stop", "stop latency to all workers", false, ["python-event"], ["python-event", "actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new LimitTarget(20, false, "ms") }, "2.0 s (the get timeout)"),
        new("sleeps", "sleeps [5,2,4,1,5]: first dispatch to last result", false, ["python-process"], ["python-process", "actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new LimitTarget(5.02, false, "s") }, "5.010 s"),
        new("cluster_start", "cluster start: 1 coordinator + 2 worker nodes all Up", false, ["dask"], ["dask", "actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new LimitTarget(1.0, false, "s") }, "Dask 1.4–1.7 s"),
        new("cpu_speedup", "CPU-bound speed-up, 2 workers on 2 cores, over 1 worker", true, ["python-pool"], ["python-pool", "actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new LimitTarget(1.9, true, "x") }, "Pool(2) 1.2–2.0×"),
        new("csv", "3 reads of a 10M-row CSV at once", false, ["python-threads"], ["python-threads", "actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new RatioTarget(5) }, "threads 5.35 s"),
        new("sigkill", "worker SIGKILL: kill to in-flight tasks requeued (Dask: to job done)", false, ["dask"],
            ["python-pool", "python-executor", "dask", "actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new LimitTarget(2000, false, "ms") }, "Python never; Dask job done 6.2 s after the kill"),
        new("sigkill_done", "worker SIGKILL: kill to job done", false, ["dask"], ["dask", "actorpar"],
            new Dictionary<string, Target>(), "Dask 6.2 s"),
        new("rss", "10M tiny tasks streamed: peak RSS of any process", false, [], ["actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new LimitTarget(300, false, "MB") }, "—"),
        new("many_deploy", "16 nodes, 4,000 workers: cluster up to first dispatch", false, [], ["actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new LimitTarget(3, false, "s") }, "—"),
        new("many_stop", "16 nodes, 4,000 workers: stop latency", false, [], ["actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new LimitTarget(1, false, "s") }, "—"),
        new("idle_cpu", "a node at rest: CPU, % of one core (busiest ActorPar node; Dask's worker)", false, ["dask"], ["dask", "actorpar"],
            new Dictionary<string, Target> { ["actorpar"] = new RatioTarget(1) }, "Dask 2.4–2.8 %"),
    ];
}
