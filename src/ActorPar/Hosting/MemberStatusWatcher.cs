using Akka.Actor;
using Akka.Cluster;

namespace ActorPar.Hosting;

/// <summary>Completes a task when the member at one address has left the cluster, then stops.</summary>
internal sealed class MemberRemovalWatcher : ReceiveActor
{
    private readonly Address _address;

    public MemberRemovalWatcher(Address address, TaskCompletionSource removed)
    {
        _address = address;
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            if (state.Members.All(m => m.Address != address)) Done(removed);
        });
        Receive<ClusterEvent.MemberRemoved>(m => m.Member.Address == _address, _ => Done(removed));
        ReceiveAny(_ => { });
    }

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void Done(TaskCompletionSource removed)
    {
        removed.TrySetResult();
        Context.Stop(Self);
    }
}
