using System.Diagnostics;
using ActorPar.Coordination;
using ActorPar.Node.Workloads.Noop;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Ping;

/// <summary>
/// A benchmark, not a seed: the single-task round trip. One worker holds one task at a time
/// and the coordinator lends the next only when the last result is in, so the time between
/// two consecutive results is one full round trip: coordinator to worker process and back,
/// with the coordinator's bookkeeping. Gaps are timed where the results are taken in; their
/// median is the figure (the first few include warming up).
/// </summary>
public sealed class PingWorkload(int count) : Workload
{
    private readonly List<double> _gapsUs = new(count);
    private long _last;
    private long _received;

    public override string Name => "ping";

    public override string Point => "One task at a time: each gap between two results is a round trip to a worker process and back.";

    public override Props WorkerProps => Props.Create<NoopWorker>();

    protected override IEnumerable<object?> Inputs
    {
        get
        {
            for (long x = 0; x < count; x++) yield return x;
        }
    }

    protected override long? Count => count;

    public override IEnumerable<string> Preamble => [$"{WorkloadOptions.Show(count)} round trips, one task at a time, through one worker"];

    public override void Record(WorkloadJob job, TaskResult result)
    {
        var now = Stopwatch.GetTimestamp();
        if (_last != 0) _gapsUs.Add(Stopwatch.GetElapsedTime(_last, now).TotalMicroseconds);
        _last = now;
        if (result.Result is long) _received++;
    }

    /// <summary>The <paramref name="fraction"/> quantile of the gaps, in microseconds (nearest rank).</summary>
    public double Quantile(double fraction)
    {
        if (_gapsUs.Count == 0) return 0;
        var sorted = _gapsUs.Order().ToArray();
        return sorted[(int)Math.Clamp(Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs, RunTimings timings)
    {
        yield return $"{WorkloadOptions.Show(_received)} results; round trip median {Quantile(0.5):0.0} µs, p90 {Quantile(0.9):0.0} µs, " +
                     $"mean {(_gapsUs.Count > 0 ? _gapsUs.Average() : 0):0.0} µs";
    }

    public override bool Verify(IReadOnlyList<JobRun> runs) => _received == count;

    public override IReadOnlyDictionary<string, object?> ReportFields(IReadOnlyList<JobRun> runs, RunTimings timings) =>
        new Dictionary<string, object?>
        {
            ["count"] = count,
            ["round_trip_median_us"] = Math.Round(Quantile(0.5), 1),
            ["round_trip_p90_us"] = Math.Round(Quantile(0.9), 1),
            ["round_trip_mean_us"] = _gapsUs.Count > 0 ? Math.Round(_gapsUs.Average(), 1) : null,
            ["makespan_ms"] = runs.Count > 0 ? Math.Round(runs[0].MakespanMs, 1) : null,
        };
}
