using Akka.Actor;
using Akka.Routing;

namespace ActorPar.Coordination;

/// <summary>
/// Finds the workers the router has deployed. A cluster pool fills up from gossip and never
/// says when it has, so this asks it (<see cref="GetRoutees"/>) every poll interval, and at
/// once when told to look (a worker node came Up). It tells its parent, the coordinator,
/// every time the set of routees changed.
/// </summary>
internal sealed class RouteeWatcher : ReceiveActor, IWithTimers
{
    private readonly IActorRef _router;
    private readonly TimeSpan _interval;
    private HashSet<IActorRef> _seen = [];

    public RouteeWatcher(IActorRef router, TimeSpan interval)
    {
        _router = router;
        _interval = interval;
        // An Ask, not a Tell: the answer is piped back as a message that never needs serializing.
        Receive<LookNow>(_ => _router.Ask<Routees>(GetRoutees.Instance, _interval * 4)
            .PipeTo(Self, success: r => new Answer(r.Members.OfType<ActorRefRoutee>().Select(a => a.Actor).ToList()), failure: _ => new Answer(null)));
        Receive<Answer>(HandleAnswer);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef router, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new RouteeWatcher(router, interval)).WithDeploy(Deploy.Local);

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(LookNow), LookNow.Instance, TimeSpan.Zero, _interval);

    private void HandleAnswer(Answer answer)
    {
        if (answer.Workers is not { } workers || (workers.Count == _seen.Count && workers.All(_seen.Contains))) return;
        _seen = workers.ToHashSet();
        Context.Parent.Tell(new RouteesSeen(workers));
    }

    /// <summary>The router's routees (null: it did not answer in time).</summary>
    private sealed record Answer(IReadOnlyList<IActorRef>? Workers) : INoSerializationVerificationNeeded;

    /// <summary>Ask the router now.</summary>
    public sealed record LookNow : INoSerializationVerificationNeeded
    {
        public static readonly LookNow Instance = new();
        private LookNow() { }
    }
}

/// <summary>The workers the router has deployed now; it never leaves this node.</summary>
internal sealed record RouteesSeen(IReadOnlyList<IActorRef> Workers) : INoSerializationVerificationNeeded;
