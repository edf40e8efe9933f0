using Akka.Actor;
using Akka.Cluster;

namespace ActorPar.Coordination;

/// <summary>
/// Tells the coordinator what happens to the cluster's members, as <see cref="NodeEvent"/>s:
/// it subscribes to the cluster's membership and reachability events and forwards each as
/// one message. The coordinator itself never asks the cluster, so a test that runs it
/// without one sends those messages itself. It stops when the coordinator does.
/// </summary>
public sealed class MembershipRelay : ReceiveActor
{
    private readonly IActorRef _coordinator;

    /// <summary>A relay that tells <paramref name="coordinator"/> of membership changes.</summary>
    public MembershipRelay(IActorRef coordinator)
    {
        _coordinator = coordinator;
        // Members already there when the relay starts are not news: a job must not count them as joined.
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members.Where(m => m.Status == MemberStatus.Up)) Relay(member, NodeChange.Up, alreadyUp: true);
            foreach (var member in state.Unreachable) Relay(member, NodeChange.Unreachable);
        });
        Receive<ClusterEvent.MemberUp>(e => Relay(e.Member, NodeChange.Up));
        Receive<ClusterEvent.UnreachableMember>(e => Relay(e.Member, NodeChange.Unreachable));
        Receive<ClusterEvent.ReachableMember>(e => Relay(e.Member, NodeChange.Reachable));
        Receive<ClusterEvent.MemberDowned>(e => Relay(e.Member, NodeChange.Downed));
        Receive<ClusterEvent.MemberRemoved>(e => Relay(e.Member, NodeChange.Removed));
        Receive<Terminated>(_ => Context.Stop(Self));
        ReceiveAny(_ => { });
    }

    /// <summary>The Props of a relay to <paramref name="coordinator"/>.</summary>
    public static Props Props(IActorRef coordinator) =>
        Akka.Actor.Props.Create(() => new MembershipRelay(coordinator)).WithDeploy(Deploy.Local);

    /// <inheritdoc />
    protected override void PreStart()
    {
        Context.Watch(_coordinator);
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
    }

    /// <inheritdoc />
    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void Relay(Member member, NodeChange change, bool alreadyUp = false) =>
        _coordinator.Tell(new NodeEvent(member.Address, change, member.HasRole(WorkerRouter.WorkerRole), member.Status.ToString(), alreadyUp));
}
