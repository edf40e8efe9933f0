namespace ActorPar.Node.Workloads.Map;

/// <summary>
/// Puts results that arrive in any order back into input order, as <c>Pool.imap</c> does:
/// each result is held only until every result before it has arrived, then released with
/// them. It remembers how many it ever had to hold at once.
/// </summary>
public sealed class InputOrder<T>
{
    private readonly Dictionary<long, T> _waiting = new();

    /// <summary>The index of the next result to release.</summary>
    public long Next { get; private set; }

    /// <summary>The most results held at once, waiting for an earlier one.</summary>
    public int MostWaiting { get; private set; }

    /// <summary>Takes the result of input <paramref name="index"/> and returns every result now in order, or none.</summary>
    public IReadOnlyList<(long Index, T Value)> Add(long index, T value)
    {
        if (index < Next || !_waiting.TryAdd(index, value))
            throw new ArgumentException($"input {index} already has a result", nameof(index));
        if (index != Next)
        {
            MostWaiting = Math.Max(MostWaiting, _waiting.Count);
            return [];
        }
        var released = new List<(long, T)>();
        while (_waiting.Remove(Next, out var ready)) released.Add((Next++, ready));
        return released;
    }
}
