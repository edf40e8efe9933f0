namespace ActorPar.Node.Workloads.Map;

/// <summary>
/// Puts runs of results that arrive in any order back into input order, as <c>Pool.imap</c>
/// does, a run at a time: a run is held only until every position before it has arrived,
/// then released with the runs that waited behind it. It remembers the most positions it
/// ever had to hold at once.
/// </summary>
public sealed class RunOrder
{
    private readonly SortedDictionary<long, ResultRun> _waiting = new();
    private long _held;

    /// <summary>The position of the next result to release.</summary>
    public long Next { get; private set; }

    /// <summary>The most positions held at once, waiting for an earlier one.</summary>
    public long MostWaiting { get; private set; }

    /// <summary>Takes <paramref name="run"/> and returns every run now in order, or none.</summary>
    public IReadOnlyList<ResultRun> Add(ResultRun run)
    {
        if (run.First < Next || !_waiting.TryAdd(run.First, run))
            throw new ArgumentException($"input {run.First} already has a result", nameof(run));
        if (run.First != Next)
        {
            _held += run.Count;
            MostWaiting = Math.Max(MostWaiting, _held);
            return [];
        }
        _waiting.Remove(run.First);
        var released = new List<ResultRun> { run };
        Next = run.End;
        while (_waiting.Remove(Next, out var ready))
        {
            _held -= ready.Count;
            released.Add(ready);
            Next = ready.End;
        }
        return released;
    }
}
