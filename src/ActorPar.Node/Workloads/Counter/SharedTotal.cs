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

/// <summary>Worker to SharedTotal: add <paramref name="Amount"/> to the total.</summary>
public sealed record Add(long Amount) : IActorParMessage;

/// <summary>Worker to SharedTotal: answer with the total once everything I sent before this is applied; <paramref name="TaskId"/> says which task asks.</summary>
public sealed record Sync(int TaskId) : IActorParMessage;

/// <summary>SharedTotal to the worker that sent <see cref="Sync"/>: the total now.</summary>
public sealed record Synced(long Total) : IActorParMessage;
