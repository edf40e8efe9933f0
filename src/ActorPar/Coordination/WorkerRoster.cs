using Akka.Actor;

namespace ActorPar.Coordination;

/// <summary>
/// The coordinator's workers: each one's id, how many batches it asked for, the batches it was
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

    /// <summary>The workers holding tasks that have said nothing for longer than <paramref name="timeout"/>.</summary>
    public IReadOnlyList<RosterEntry> SilentLongerThan(TimeSpan timeout) =>
        _workers.Values.Where(w => w.InFlight.Count > 0 && w.Silence > timeout).ToList();
}

/// <summary>One worker as the coordinator sees it: its demand, and what it holds.</summary>
internal sealed class RosterEntry(IActorRef actor, WorkerInfo info)
{
    private readonly LinkedList<LentBatch> _open = new();
    private long _lastHeard = Environment.TickCount64;
    private long _lastBatch;

    public IActorRef Actor { get; } = actor;
    public WorkerInfo Info { get; } = info;

    /// <summary>Batches it may still be sent.</summary>
    public int Demand { get; set; }

    /// <summary>The ids of the tasks it holds: lent, not yet reported.</summary>
    public HashSet<long> InFlight { get; } = [];

    public TimeSpan Silence => TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastHeard);

    public void Heard() => _lastHeard = Environment.TickCount64;

    /// <summary>Notes a batch lent to this worker and returns its number.</summary>
    public long Lend(IReadOnlyList<TaskItem> tasks)
    {
        if (InFlight.Count == 0) Heard();
        var ids = new long[tasks.Count];
        for (var i = 0; i < ids.Length; i++) InFlight.Add(ids[i] = tasks[i].Id);
        _open.AddLast(new LentBatch(++_lastBatch, ids));
        return _lastBatch;
    }

    /// <summary>
    /// The worker asked for work, saying the last batch it received and how many it holds.
    /// Returns the batches lost in transit: received but no longer held (their outcome never
    /// arrived), or never received and sent longer than <paramref name="lostAfter"/> ago.
    /// Its demand becomes its room less the batches still on their way.
    /// </summary>
    public IReadOnlyList<LostBatch> Request(RequestWork request, TimeSpan lostAfter)
    {
        Heard();
        var lost = new List<LostBatch>();
        var received = _open.Where(b => b.Number <= request.LastBatch).ToList();
        foreach (var batch in received.Take(received.Count - request.Holding)) lost.Add(Close(batch, "its outcome never arrived"));
        var onTheirWay = 0;
        foreach (var batch in _open.Where(b => b.Number > request.LastBatch).ToList())
        {
            if (batch.Age >= lostAfter) lost.Add(Close(batch, "it never arrived"));
            else onTheirWay++;
        }
        Demand = Math.Max(0, request.Credit - onTheirWay);
        return lost.Where(b => b.Ids.Length > 0).ToList();
    }

    /// <summary>
    /// Batch <paramref name="number"/> was reported. Batches are processed in order, so one lent
    /// before it and still open was lost: those are returned, with their unreported tasks.
    /// </summary>
    public IReadOnlyList<LostBatch> Reported(long number)
    {
        Heard();
        if (number <= 0) return [];
        var lost = new List<LostBatch>();
        foreach (var batch in _open.Where(b => b.Number <= number).ToList())
        {
            if (batch.Number < number) lost.Add(Close(batch, "its outcome never arrived"));
            else _open.Remove(batch);
        }
        return lost.Where(b => b.Ids.Length > 0).ToList();
    }

    /// <summary>Everything it holds, in task order, now taken back from it.</summary>
    public long[] TakeBack()
    {
        var ids = InFlight.Order().ToArray();
        InFlight.Clear();
        _open.Clear();
        Demand = 0;
        return ids;
    }

    /// <summary>Removes a batch; its tasks not yet reported are lost.</summary>
    private LostBatch Close(LentBatch batch, string why)
    {
        _open.Remove(batch);
        return new LostBatch(batch.Number, batch.Ids.Where(InFlight.Remove).ToArray(), why);
    }

    private sealed class LentBatch(long number, long[] ids)
    {
        private readonly long _sent = Environment.TickCount64;
        public long Number { get; } = number;
        public long[] Ids { get; } = ids;
        public TimeSpan Age => TimeSpan.FromMilliseconds(Environment.TickCount64 - _sent);
    }
}

/// <summary>A batch lent to a worker that went missing: its number, its tasks not yet reported, and how the coordinator knows.</summary>
internal sealed record LostBatch(long Number, long[] Ids, string Why);
