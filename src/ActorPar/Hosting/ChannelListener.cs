using System.Threading.Channels;
using ActorPar.Coordination;
using Akka.Actor;

namespace ActorPar.Hosting;

/// <summary>
/// Hands a job's events (<see cref="ResultsReady"/>, <see cref="JobCompleted"/>) from the
/// actor world to async code through a channel, so a host can <c>await foreach</c> them
/// without ever blocking an actor. The channel completes after <see cref="JobCompleted"/>.
/// </summary>
public sealed class ChannelListener : ReceiveActor
{
    /// <summary>A listener that writes every job event to <paramref name="events"/>.</summary>
    public ChannelListener(ChannelWriter<IJobEvent> events)
    {
        Receive<ResultsReady>(ready => events.TryWrite(ready));
        Receive<JobCompleted>(completed =>
        {
            events.TryWrite(completed);
            events.TryComplete();
            Context.Stop(Self);
        });
    }

    /// <summary>Creates a listener and the channel it writes to.</summary>
    public static (IActorRef Listener, ChannelReader<IJobEvent> Events) Create(IActorRefFactory factory, string? name = null)
    {
        var channel = Channel.CreateUnbounded<IJobEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var listener = factory.ActorOf(Props.Create(() => new ChannelListener(channel.Writer)).WithDeploy(Deploy.Local), name);
        return (listener, channel.Reader);
    }
}
