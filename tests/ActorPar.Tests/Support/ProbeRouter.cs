using Akka.Actor;
using Akka.Routing;

namespace ActorPar.Tests.Support;

/// <summary>
/// The router in coordinator specs: its routees are test probes playing the workers. It lists
/// them when asked (<see cref="GetRoutees"/>), as a pool lists the workers it deployed, and
/// passes a <see cref="Broadcast"/> on to every one of them with the coordinator as sender.
/// </summary>
public sealed class ProbeRouter : ReceiveActor
{
    public ProbeRouter(IReadOnlyList<IActorRef> workers)
    {
        Receive<GetRoutees>(_ => Sender.Tell(new Routees(workers.Select(w => (Routee)new ActorRefRoutee(w)).ToArray())));
        Receive<Broadcast>(broadcast =>
        {
            foreach (var worker in workers) worker.Forward(broadcast.Message);
        });
    }

    public static Props Props(IEnumerable<IActorRef> workers) =>
        Akka.Actor.Props.Create(() => new ProbeRouter(workers.ToList())).WithDeploy(Deploy.Local);
}
