using ActorPar.Coordination;

namespace ActorPar.Workers;

/// <summary>
/// The chunks a worker holds: the one it is working through (<see cref="Current"/>) and those
/// waiting behind it, in the order they came. Plain bookkeeping for <see cref="Worker"/>'s behaviours.
/// </summary>
internal sealed class HeldChunks
{
    private readonly Queue<Chunk> _waiting = new();

    /// <summary>The chunk being worked through, or null.</summary>
    public ChunkRun? Current { get; private set; }

    /// <summary>The highest chunk number received.</summary>
    public long LastNumber { get; private set; }

    /// <summary>Chunks in hand: the current one and those waiting.</summary>
    public int Count => _waiting.Count + (Current is null ? 0 : 1);

    public void Add(Chunk chunk)
    {
        Seen(chunk.Number);
        _waiting.Enqueue(chunk);
    }

    /// <summary>Notes that chunks up to <paramref name="number"/> were received (a restarted worker carries it over).</summary>
    public void Seen(long number) => LastNumber = Math.Max(LastNumber, number);

    /// <summary>Makes the next waiting chunk current, run by <paramref name="start"/>; false when none waits.</summary>
    public bool StartNext(Func<Chunk, ChunkRun> start)
    {
        Current = _waiting.TryDequeue(out var next) ? start(next) : null;
        return Current is not null;
    }

    /// <summary>Ends the current chunk: the caller reports it.</summary>
    public ChunkRun? Finish()
    {
        var current = Current;
        Current = null;
        return current;
    }

    /// <summary>Every chunk received but not started, now given up.</summary>
    public List<Chunk> TakeWaiting()
    {
        var waiting = _waiting.ToList();
        _waiting.Clear();
        return waiting;
    }

    /// <summary>
    /// The job of chunks up to <paramref name="upTo"/> was cancelled: those waiting are given up
    /// (and returned), and the current one stops after its element in progress.
    /// </summary>
    public List<Chunk> Drop(long upTo)
    {
        var dropped = _waiting.Where(c => c.Number <= upTo).ToList();
        var kept = _waiting.Where(c => c.Number > upTo).ToList();
        _waiting.Clear();
        foreach (var chunk in kept) _waiting.Enqueue(chunk);
        if (Current is { } current && current.Chunk.Number <= upTo) current.StopEarly();
        return dropped;
    }
}
