namespace ActorPar.Coordination;

/// <summary>
/// What a job's report says beyond its task counts: which node and which worker completed how
/// many tasks, when the first task went out and the last result came in, and the worker nodes
/// lost and joined while it ran. Plain bookkeeping, filled in by the coordinator.
/// </summary>
internal sealed class JobStats
{
    private readonly Dictionary<string, long> _perNode = new();
    private readonly Dictionary<string, long> _perWorker = new();
    private readonly List<NodeLoss> _nodesLost = [];
    private readonly List<NodeJoin> _nodesJoined = [];
    private readonly HashSet<string> _hostingAtStart = [];

    public DateTimeOffset? FirstDispatch { get; private set; }
    public DateTimeOffset? LastResult { get; private set; }
    public IReadOnlyDictionary<string, long> PerNode => _perNode;
    public IReadOnlyDictionary<string, long> PerWorker => _perWorker;
    public IReadOnlyList<NodeLoss> NodesLost => _nodesLost;
    public IReadOnlyList<NodeJoin> NodesJoined => _nodesJoined;

    /// <summary>A batch went out to a worker on <paramref name="node"/>; returns that node's join when this is its first work since it came Up.</summary>
    public NodeJoin? Dispatched(string node)
    {
        FirstDispatch ??= DateTimeOffset.UtcNow;
        var index = _nodesJoined.FindIndex(j => j.Node == node && j.FirstWork is null);
        if (index < 0) return null;
        return _nodesJoined[index] = _nodesJoined[index] with { FirstWork = DateTimeOffset.UtcNow };
    }

    /// <summary>A task completed on <paramref name="worker"/>.</summary>
    public void Completed(WorkerInfo worker)
    {
        _perNode[worker.Node] = _perNode.GetValueOrDefault(worker.Node) + 1;
        _perWorker[worker.Path] = _perWorker.GetValueOrDefault(worker.Path) + 1;
    }

    /// <summary>Results came in just now.</summary>
    public void ResultsIn() => LastResult = DateTimeOffset.UtcNow;

    /// <summary>A node's first loss in this job, and any later one that took tasks back (a node can come back and be lost again).</summary>
    public void NodeLost(NodeLoss loss)
    {
        if (loss.TasksTakenBack > 0 || _nodesLost.All(l => l.Node != loss.Node)) _nodesLost.Add(loss);
    }

    /// <summary>
    /// The nodes whose workers the coordinator already had when the job started. Their Up event
    /// can reach the coordinator after the job started (the membership relay and the routee
    /// watcher race on a loaded machine), and must not count them as joined during the job.
    /// </summary>
    public void HostingWorkersAtStart(IEnumerable<string> nodes) => _hostingAtStart.UnionWith(nodes);

    /// <summary>A worker node came Up during the job; true the first time only, and never for a node that hosted workers at the start.</summary>
    public bool NodeUp(string node, DateTimeOffset at)
    {
        if (_hostingAtStart.Contains(node) || _nodesJoined.Any(j => j.Node == node)) return false;
        _nodesJoined.Add(new NodeJoin(node, at, null));
        return true;
    }
}
