using Akka.Actor;

namespace ActorPar.Node.Workloads.Counter;

/// <summary>
/// Owns the shared total. Only this actor touches it, one message at a time, so
/// <c>total += amount</c> needs no lock and no update is lost however many workers send.
/// Messages from one sender arrive in the order sent, so when it answers a worker's
/// <see cref="Sync"/>, every <see cref="Add"/> of that worker has been applied.
/// </summary>
public sealed class SharedTotal : ReceiveActor
{
    private long _total;

    public SharedTotal()
    {
        Receive<Add>(add => _total += add.Amount);
        Receive<Sync>(_ => Sender.Tell(new Synced(_total)));
    }

    /// <summary>The total lives on the coordinator node; workers elsewhere reach it through its IActorRef.</summary>
    public static Props Props() => Akka.Actor.Props.Create<SharedTotal>().WithDeploy(Deploy.Local);
}
