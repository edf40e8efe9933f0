using ActorPar.Coordination;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Map;

/// <summary>
/// Seed 003's <c>Pool.map</c> and <c>imap_unordered</c>: f(x) = x * x for every x in
/// 0..N-1. The coordinator batches the tiny tasks so that a batch takes about
/// <c>actorpar.coordinator.batch.target</c> on a worker, and idle workers pull the next one,
/// so the load stays balanced. Results are put back in input order as they stream in, or
/// shown as they complete with <c>--unordered</c>. The sum of the results checks that every
/// x was computed once; only the first few results are printed unless asked.
/// </summary>
public sealed class MapWorkload(long count, bool unordered, long? print, int workers) : Workload
{
    private readonly InputOrder<long?> _order = new();
    private readonly List<string> _toPrint = [];
    private Int128 _sum;
    private long _received;
    private long _wrong;
    private long _printed;

    public override string Name => "map";

    public override string Point =>
        "Pool.map as messages: tiny tasks travel in batches sized to their measured time, idle workers pull the next batch, " +
        "and every result comes back exactly once, in input order or as it completes.";

    public override Props WorkerProps => Props.Create<MapWorker>();

    protected override IEnumerable<object?> Inputs
    {
        get
        {
            for (long x = 0; x < count; x++) yield return x;
        }
    }

    protected override long? Count => count;

    /// <summary>Σ x² for x in 0..N-1, which the results must add up to.</summary>
    public Int128 ExpectedSum => (Int128)(count - 1) * count * (2 * (Int128)count - 1) / 6;

    public override IEnumerable<string> Preamble =>
    [
        $"f(x) = x * x for x in 0..{WorkloadOptions.Show(count - 1)}, " +
        (unordered ? "as they complete (imap_unordered)" : "in input order (Pool.map)") + ", on " + workers + " workers; " +
        (print is null ? "printing every result" : $"printing the first {WorkloadOptions.Show(print.Value)} (--print all for every one)"),
    ];

    public override void Record(WorkloadJob job, TaskResult result)
    {
        long? y = result.Result is long value ? value : null; // null: the task failed
        if (y is { } computed)
        {
            _received++;
            _sum += computed;
            if (result.Input is not long x || computed != MapWorker.F(x)) _wrong++;
        }
        if (unordered) Show(result.Index, y);
        else
            foreach (var (index, inOrder) in _order.Add(result.Index, y)) Show(index, inOrder);
    }

    /// <summary>The results <see cref="Record"/> just released, one line each; a failure is always shown.</summary>
    public override string? Line(WorkloadJob job, TaskResult result)
    {
        var lines = _toPrint.ToList();
        _toPrint.Clear();
        if (result.Failed) lines.Add(base.Line(job, result)!);
        return lines.Count == 0 ? null : string.Join(Environment.NewLine, lines);
    }

    private void Show(long x, long? y)
    {
        if (y is null || (print is { } most && _printed >= most)) return;
        _printed++;
        _toPrint.Add($"f({x}) = {y}");
    }

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs, RunTimings timings)
    {
        var run = runs.Single();
        yield return (unordered
                         ? $"{WorkloadOptions.Show(_received)} results as they completed"
                         : $"{WorkloadOptions.Show(_order.Next)} results in input order (at most {WorkloadOptions.Show(_order.MostWaiting)} waited for an earlier one)") +
                     $"; sum of f(x) = {_sum}" + (_sum == ExpectedSum && _wrong == 0 ? ", as expected" : $", WRONG: expected {ExpectedSum}, {_wrong} wrong result(s)");
        yield return $"makespan {run.MakespanMs / 1000:0.00}s: {WorkloadOptions.Show(Math.Round(ResultsPerSecond(run)))} results/s on {workers} workers";
    }

    public override bool Verify(IReadOnlyList<JobRun> runs) =>
        _wrong == 0 && _received == count && _sum == ExpectedSum && (unordered || _order.Next == count);

    public override IReadOnlyDictionary<string, object?> ReportFields(IReadOnlyList<JobRun> runs, RunTimings timings) =>
        new Dictionary<string, object?>
        {
            ["count"] = count,
            ["ordered"] = !unordered,
            ["workers"] = workers,
            ["sum"] = _sum.ToString(),
            ["expected_sum"] = ExpectedSum.ToString(),
            ["wrong_results"] = _wrong,
            ["released_in_order"] = unordered ? null : _order.Next,
            ["most_waiting_for_order"] = unordered ? null : _order.MostWaiting,
            ["makespan_ms"] = runs.Count > 0 ? Math.Round(runs[0].MakespanMs, 1) : null,
            ["results_per_second"] = runs.Count > 0 ? Math.Round(ResultsPerSecond(runs[0])) : null,
        };

    private double ResultsPerSecond(JobRun run) => run.MakespanMs > 0 ? _received / (run.MakespanMs / 1000) : 0;
}
