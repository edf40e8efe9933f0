using Akka.Actor;
using Akka.Cluster;

namespace ActorPar.Coordination;

/// <summary>
/// Where the workers are and where the next one goes: the worker nodes that can take workers,
/// the workers on each, and the next node to deploy on (the one with the fewest workers, below
/// the most per node, while fewer than the total are deployed). An unreachable node keeps its
/// workers (it may come back, and its late results still count) but gets no new ones. Every step costs the same
/// however many workers there are, so deploying thousands of them stays linear (Akka's
/// cluster pool counts every routee of every node before each deployment: quadratic).
/// Plain bookkeeping: <see cref="WorkerDeployer"/> calls it.
/// </summary>
internal sealed class DeploymentPlan(int total, int perNode)
{
    private readonly SortedDictionary<Address, HashSet<IActorRef>> _nodes = new(Member.AddressOrdering);
    private readonly Dictionary<IActorRef, Address> _nodeOf = new();
    private readonly HashSet<Address> _unreachable = [];

    /// <summary>How many workers are deployed now.</summary>
    public int Count => _nodeOf.Count;

    /// <summary>Every worker deployed now.</summary>
    public IReadOnlyList<IActorRef> Workers => _nodeOf.Keys.ToList();

    /// <summary>A node that can take workers (Up, reachable, in the worker role); false when it was known already.</summary>
    public bool NodeUp(Address node) => _nodes.TryAdd(node, []) | _unreachable.Remove(node);

    /// <summary>A node presumed dead: it keeps its workers, and gets no new ones until it is reachable again.</summary>
    public void Unreachable(Address node)
    {
        if (_nodes.ContainsKey(node)) _unreachable.Add(node);
    }

    /// <summary>A node that can take no more workers (unreachable, leaving or removed): forgets it and returns its workers.</summary>
    public IReadOnlyList<IActorRef> NodeGone(Address node)
    {
        _unreachable.Remove(node);
        if (!_nodes.Remove(node, out var workers)) return [];
        foreach (var worker in workers) _nodeOf.Remove(worker);
        return workers.ToList();
    }

    /// <summary>The node the next worker goes to, or null when the total is reached or every node is full.</summary>
    public Address? NextTarget()
    {
        if (_nodeOf.Count >= total) return null;
        Address? best = null;
        var fewest = perNode;
        foreach (var (node, workers) in _nodes)
            if (workers.Count < fewest && !_unreachable.Contains(node))
            {
                best = node;
                fewest = workers.Count;
            }
        return best;
    }

    /// <summary>Records a worker deployed on <paramref name="node"/>.</summary>
    public void Deployed(Address node, IActorRef worker)
    {
        _nodes[node].Add(worker);
        _nodeOf[worker] = node;
    }

    /// <summary>A worker that terminated; false when it was not one of ours (or its node was already forgotten).</summary>
    public bool Remove(IActorRef worker)
    {
        if (!_nodeOf.Remove(worker, out var node)) return false;
        _nodes[node].Remove(worker);
        return true;
    }
}
