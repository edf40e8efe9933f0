using System.Diagnostics;
using ActorPar.Node.Workloads.Noop;

namespace ActorPar.Node.Workloads.Ping;

/// <summary>
/// A benchmark, not a seed: one worker holds one task at a time (no batching, credit 1), so the
/// time between two consecutive results is one round trip to a worker process and back, with the
/// coordinator's bookkeeping. Gaps are timed where results are taken in; the median is the figure.
/// </summary>
public sealed class PingWorkload(ParseResult parse, WorkloadContext context) : Workload(context)
{
    private static readonly Option<int> Count = WorkloadOptions.Number("--count", "How many round trips", 2000, 2, 10_000_000);

    public static WorkloadCommand Command { get; } = new("ping",
        "Benchmark: N trivial tasks, one at a time through one worker (no batching, credit 1), so each result-to-result gap is one round trip between processes.",
        (parse, context) => new PingWorkload(parse, context), Count)
        { ConfigDefaults = _ => [WorkloadCommand.Workers(1), new(ConfigKeys.ChunkMax.Key, "1"), new("actorpar.coordinator.credit", "1")] };

    private readonly int _count = parse.GetValue(Count);
    private readonly List<double> _gapsUs = [];
    private long _last;

    public override string Point => "One task at a time: each gap between two results is a round trip to a worker process and back.";
    public override Props WorkerProps => Props.Create<NoopWorker>();
    protected override IReadOnlyList<WorkloadJob> DefineJobs() => [new(Name, Numbers(_count))];
    public override IEnumerable<string> Preamble => [$"{WorkloadOptions.Show(_count)} round trips, one task at a time, through one worker"];

    public override string? Take(WorkloadJob job, TaskResult result)
    {
        var now = Stopwatch.GetTimestamp();
        if (_last != 0) _gapsUs.Add(Stopwatch.GetElapsedTime(_last, now).TotalMicroseconds);
        _last = now;
        return Failure(result);
    }

    /// <summary>The <paramref name="fraction"/> quantile of the gaps, in microseconds (nearest rank).</summary>
    public double Quantile(double fraction) =>
        _gapsUs.Count == 0 ? 0 : _gapsUs.Order().ElementAt((int)Math.Clamp(Math.Ceiling(fraction * _gapsUs.Count) - 1, 0, _gapsUs.Count - 1));

    private double Mean => _gapsUs.Count > 0 ? _gapsUs.Average() : 0;

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) =>
        [$"{WorkloadOptions.Show(_gapsUs.Count)} round trips timed: median {Quantile(0.5):0.0} µs, p90 {Quantile(0.9):0.0} µs, mean {Mean:0.0} µs"];

    public override object Figures(IReadOnlyList<JobRun> runs) => new
    {
        RoundTrips = _gapsUs.Count, RoundTripMedianUs = Math.Round(Quantile(0.5), 1), RoundTripP90Us = Math.Round(Quantile(0.9), 1), RoundTripMeanUs = Math.Round(Mean, 1),
    };
}
