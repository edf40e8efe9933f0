using Akka.Actor;
using Akka.Cluster;
using Akka.Routing;

namespace ActorPar.Coordination;

/// <summary>
/// Deploys the workers onto the worker nodes and is their parent: our counterpart of Akka's
/// cluster-aware pool, which did the same job in time quadratic in the number of workers and
/// had to be polled (<see cref="GetRoutees"/>) to learn what it had deployed. It follows the
/// cluster's membership itself: a worker node that is Up and reachable gets workers, up to the
/// most per node and the total (<see cref="DeploymentPlan"/>); an unreachable node keeps its
/// workers but gets no new ones; a node that leaves, is downed or removed has its workers
/// stopped and forgotten, and the workers it can no longer host go to nodes with room. (The
/// pool dropped and stopped an unreachable node's routees and deployed new ones when it came
/// back: with 16 nodes starting on two cores, each flap of the failure detector cost hundreds of
/// workers.) Each time it has deployed or dropped workers it tells its parent,
/// the coordinator, the whole set (<see cref="RouteesSeen"/>). It passes a
/// <see cref="Broadcast"/> on to every worker with the original sender, answers
/// <see cref="GetRoutees"/>, and restarts a worker that failed (never escalating).
/// </summary>
public sealed class WorkerDeployer : ReceiveActor
{
    private readonly Props _worker;
    private readonly bool _allowLocal;
    private readonly DeploymentPlan _plan;
    private readonly Akka.Cluster.Cluster _cluster;

    /// <param name="worker">The worker's Props, deployed as they are onto each node.</param>
    /// <param name="total">How many workers to deploy in all.</param>
    /// <param name="perNode">The most workers on one node.</param>
    /// <param name="allowLocal">Also deploy on this node; only a single-node test wants that.</param>
    public WorkerDeployer(Props worker, int total, int perNode, bool allowLocal)
    {
        _worker = worker;
        _allowLocal = allowLocal;
        _plan = new DeploymentPlan(total, perNode);
        _cluster = Akka.Cluster.Cluster.Get(Context.System);

        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members.Where(CanHost))
            {
                _plan.NodeUp(member.Address);
                if (state.Unreachable.Contains(member)) _plan.Unreachable(member.Address);
            }
            Deploy(dropped: false);
        });
        Receive<ClusterEvent.IMemberEvent>(e => Changed(e.Member, CanHost(e.Member)));
        Receive<ClusterEvent.UnreachableMember>(e => _plan.Unreachable(e.Member.Address));
        Receive<ClusterEvent.ReachableMember>(e => Changed(e.Member, CanHost(e.Member)));
        // A statement body: a lambda that returned Remove's false (a worker whose node was already
        // forgotten) would leave the Terminated unhandled, and that kills the deployer (DeathPactException).
        Receive<Terminated>(t => { _plan.Remove(t.ActorRef); }); // the coordinator watches its workers itself
        Receive<Broadcast>(b =>
        {
            foreach (var worker in _plan.Workers) worker.Tell(b.Message, Sender);
        });
        Receive<GetRoutees>(_ => Sender.Tell(new Routees(_plan.Workers.Select(w => (Routee)new ActorRefRoutee(w)).ToArray())));
    }

    /// <summary>The deployer's Props; it always lives on the coordinator's node.</summary>
    public static Props Props(Props worker, int total, int perNode, bool allowLocal) =>
        Akka.Actor.Props.Create(() => new WorkerDeployer(worker, total, perNode, allowLocal)).WithDeploy(Akka.Actor.Deploy.Local);

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => WorkerRouter.RestartFailedWorker;

    /// <inheritdoc />
    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    /// <inheritdoc />
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    /// <summary>Up (or weakly up), in the worker role, and not this node unless a single-node test allows it.</summary>
    private bool CanHost(Member member) =>
        member.Status is MemberStatus.Up or MemberStatus.WeaklyUp && member.HasRole(WorkerRouter.WorkerRole) &&
        (_allowLocal || member.Address != _cluster.SelfAddress);

    private void Changed(Member member, bool hosts)
    {
        if (hosts)
        {
            if (_plan.NodeUp(member.Address)) Deploy(dropped: false);
            return;
        }
        var gone = _plan.NodeGone(member.Address);
        foreach (var worker in gone) Context.Stop(worker);
        Deploy(dropped: gone.Count > 0);
    }

    /// <summary>Deploys a worker wherever there is room, then tells the coordinator the new set if it changed.</summary>
    private void Deploy(bool dropped)
    {
        var changed = dropped;
        while (_plan.NextTarget() is { } node)
        {
            var worker = Context.ActorOf(_worker.WithDeploy(new Deploy(new RemoteScope(node))));
            Context.Watch(worker);
            _plan.Deployed(node, worker);
            changed = true;
        }
        if (changed) Context.Parent.Tell(new RouteesSeen(_plan.Workers));
    }
}

/// <summary>The workers deployed now (every one, not just the new ones); it never leaves this node.</summary>
internal sealed record RouteesSeen(IReadOnlyList<IActorRef> Workers) : INoSerializationVerificationNeeded;
