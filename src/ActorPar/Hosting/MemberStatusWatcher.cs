using Akka.Actor;
using Akka.Cluster;

namespace ActorPar.Hosting;

/// <summary>
/// Completes a task when the member at one address has reached one of some statuses (Leaving,
/// say), or has left the cluster (or was never in it), then stops.
/// </summary>
internal sealed class MemberStatusWatcher : ReceiveActor
{
    private readonly Address _address;

    public MemberStatusWatcher(Address address, IReadOnlySet<MemberStatus> statuses, TaskCompletionSource reached)
    {
        _address = address;
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            if (state.Members.FirstOrDefault(m => m.Address == address) is not { } member || statuses.Contains(member.Status)) Done(reached);
        });
        Receive<ClusterEvent.MemberRemoved>(e => e.Member.Address == _address, _ => Done(reached));
        Receive<ClusterEvent.IMemberEvent>(e => e.Member.Address == _address && statuses.Contains(e.Member.Status), _ => Done(reached));
        ReceiveAny(_ => { });
    }

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void Done(TaskCompletionSource reached)
    {
        reached.TrySetResult();
        Context.Stop(Self);
    }
}
