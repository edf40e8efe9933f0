using ActorPar.Coordination;
using Akka.Actor;
using Akka.Routing;

namespace ActorPar.Tests.Support;

/// <summary>
/// The router in coordinator specs: its routees are test probes playing the workers. It tells
/// its parent, the coordinator, about them when it starts (<see cref="RouteesSeen"/>), as
/// <see cref="WorkerDeployer"/> tells it the workers it deployed, lists them when asked
/// (<see cref="GetRoutees"/>), and passes a <see cref="Broadcast"/> on to every one of them
/// with the coordinator as sender.
/// </summary>
public sealed class ProbeRouter : ReceiveActor
{
    private readonly IReadOnlyList<IActorRef> _workers;

    public ProbeRouter(IReadOnlyList<IActorRef> workers)
    {
        _workers = workers;
        Receive<GetRoutees>(_ => Sender.Tell(new Routees(workers.Select(w => (Routee)new ActorRefRoutee(w)).ToArray())));
        Receive<Broadcast>(broadcast =>
        {
            foreach (var worker in workers) worker.Forward(broadcast.Message);
        });
    }

    protected override void PreStart() => Context.Parent.Tell(new RouteesSeen(_workers));

    public static Props Props(IEnumerable<IActorRef> workers) =>
        Akka.Actor.Props.Create(() => new ProbeRouter(workers.ToList())).WithDeploy(Deploy.Local);
}
