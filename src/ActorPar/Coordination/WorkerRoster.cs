using Akka.Actor;

namespace ActorPar.Coordination;

/// <summary>
/// The coordinator's workers: each one's id, how many chunks it asked for, the chunks it was
/// lent and not yet reported, and the nodes that cannot be reached. Each worker is counted once
/// from the moment it is first seen (in the router's routees or as the sender of a message)
/// until it terminates; a worker that terminated is never taken in again, even when one of its
/// messages arrives after its <see cref="Terminated"/> (death watch and ordinary messages travel
/// on different channels, so that happens). Plain bookkeeping: the coordinator's behaviours call it.
/// </summary>
internal sealed class WorkerRoster
{
    private readonly Dictionary<IActorRef, RosterEntry> _workers = new();
    private readonly Dictionary<IActorRef, WorkerInfo> _gone = new();
    private readonly HashSet<Address> _unreachable = [];
    private int _nextId;

    public int Count => _workers.Count;

    public IEnumerable<RosterEntry> All => _workers.Values;

    /// <summary>The worker <paramref name="actor"/>, or null when it is not one we know.</summary>
    public RosterEntry? Find(IActorRef actor) => _workers.GetValueOrDefault(actor);

    /// <summary>
    /// Takes in a worker, or finds the one already known. Returns null for a worker that
    /// terminated: a late message from it must not bring it back.
    /// </summary>
    /// <param name="added">True when the worker was not known before this call.</param>
    public RosterEntry? Enlist(IActorRef actor, out bool added)
    {
        added = false;
        if (_workers.TryGetValue(actor, out var known)) return known;
        if (_gone.ContainsKey(actor)) return null;
        var entry = new RosterEntry(actor, new WorkerInfo(_nextId++, actor.Path.ToString(), actor.Path.Address.ToString()));
        _workers.Add(actor, entry);
        added = true;
        return entry;
    }

    /// <summary>Forgets a worker for good (it terminated, or its node left); returns it with what it still held.</summary>
    public RosterEntry? Remove(IActorRef actor)
    {
        if (!_workers.Remove(actor, out var entry)) return null;
        _gone[actor] = entry.Info;
        return entry;
    }

    /// <summary>Who a worker that is gone was, so that its late results still say who computed them.</summary>
    public WorkerInfo? Departed(IActorRef actor) => _gone.GetValueOrDefault(actor);

    /// <summary>The nodes that host at least one known worker.</summary>
    public IEnumerable<Address> Nodes => _workers.Values.Select(w => w.Actor.Path.Address).Distinct();

    /// <summary>The workers on <paramref name="node"/>.</summary>
    public IReadOnlyList<RosterEntry> OnNode(Address node) => _workers.Values.Where(w => w.Actor.Path.Address == node).ToList();

    public void Unreachable(Address node) => _unreachable.Add(node);

    public void Reachable(Address node) => _unreachable.Remove(node);

    public void Removed(Address node) => _unreachable.Remove(node);

    /// <summary>Whether no worker is left that the coordinator can reach.</summary>
    public bool NoneReachable => _workers.Values.All(w => _unreachable.Contains(w.Actor.Path.Address));

    /// <summary>The workers holding chunks that have said nothing for longer than <paramref name="timeout"/>.</summary>
    public IReadOnlyList<RosterEntry> SilentLongerThan(TimeSpan timeout) =>
        _workers.Values.Where(w => w.Holding > 0 && w.Silence > timeout).ToList();
}

/// <summary>One worker as the coordinator sees it: its demand, and the chunks it holds.</summary>
internal sealed class RosterEntry(IActorRef actor, WorkerInfo info)
{
    private readonly LinkedList<LentChunk> _open = new();
    private long _lastHeard = Environment.TickCount64;

    public IActorRef Actor { get; } = actor;
    public WorkerInfo Info { get; } = info;

    /// <summary>Chunks it may still be sent.</summary>
    public int Demand { get; set; }

    /// <summary>How many chunks it holds: lent, not yet reported or returned.</summary>
    public int Holding => _open.Count;

    /// <summary>The number of the last chunk lent to it (0: none).</summary>
    public long LastLent { get; private set; }

    public TimeSpan Silence => TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastHeard);

    public void Heard() => _lastHeard = Environment.TickCount64;

    /// <summary>Notes chunk <paramref name="number"/> of <paramref name="size"/> elements lent to this worker.</summary>
    public void Lend(long number, int size)
    {
        if (_open.Count == 0) Heard();
        _open.AddLast(new LentChunk(number, size));
        LastLent = number;
    }

    /// <summary>
    /// The worker asked for work, saying the last chunk it received and how many it holds.
    /// Returns the chunks lost in transit: received but no longer held (their report never
    /// arrived), or never received and sent longer than <paramref name="lostAfter"/> ago.
    /// Its demand becomes its room less the chunks still on their way.
    /// </summary>
    public IReadOnlyList<LostChunk> Request(RequestWork request, TimeSpan lostAfter)
    {
        Heard();
        var lost = new List<LostChunk>();
        var received = _open.Where(c => c.Number <= request.LastBatch).ToList();
        foreach (var chunk in received.Take(received.Count - request.Holding)) lost.Add(Close(chunk, "its report never arrived"));
        var onTheirWay = 0;
        foreach (var chunk in _open.Where(c => c.Number > request.LastBatch).ToList())
        {
            if (chunk.Age >= lostAfter) lost.Add(Close(chunk, "it never arrived"));
            else onTheirWay++;
        }
        Demand = Math.Max(0, request.Credit - onTheirWay);
        return lost;
    }

    /// <summary>
    /// Chunk <paramref name="number"/> was reported. Chunks are processed in order, so one lent
    /// before it and still open was lost: those are returned.
    /// </summary>
    public IReadOnlyList<LostChunk> Reported(long number)
    {
        Heard();
        var lost = new List<LostChunk>();
        foreach (var chunk in _open.Where(c => c.Number <= number).ToList())
        {
            if (chunk.Number < number) lost.Add(Close(chunk, "its report never arrived"));
            else _open.Remove(chunk);
        }
        return lost;
    }

    /// <summary>Chunk <paramref name="number"/> came back unstarted.</summary>
    public void Returned(long number)
    {
        Heard();
        foreach (var chunk in _open.Where(c => c.Number == number).ToList()) _open.Remove(chunk);
    }

    /// <summary>Every chunk it holds (number and size), in the order they were lent, now taken back from it.</summary>
    public (long Number, int Size)[] TakeBack()
    {
        var numbers = _open.Select(c => (c.Number, c.Size)).ToArray();
        _open.Clear();
        Demand = 0;
        return numbers;
    }

    private LostChunk Close(LentChunk chunk, string why)
    {
        _open.Remove(chunk);
        return new LostChunk(chunk.Number, chunk.Size, why);
    }

    private sealed class LentChunk(long number, int size)
    {
        private readonly long _sent = Environment.TickCount64;
        public long Number { get; } = number;
        public int Size { get; } = size;
        public TimeSpan Age => TimeSpan.FromMilliseconds(Environment.TickCount64 - _sent);
    }
}

/// <summary>A chunk lent to a worker that went missing: its number, its size, and how the coordinator knows.</summary>
internal sealed record LostChunk(long Number, int Size, string Why);
