using ActorPar.Hosting;
using ActorPar.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Xunit;

namespace ActorPar.Tests.Messaging;

/// <summary>Counts what reaches it and answers each message with the count so far and the message's type, as a <see cref="Job"/>.</summary>
public sealed class ReceiptCounter : ReceiveActor
{
    public ReceiptCounter()
    {
        var received = 0;
        ReceiveAny(message => Sender.Tell(new Job(++received, message.GetType().Name)));
    }
}

/// <summary>
/// Two actor systems with the nodes' own configuration, one real TCP hop apart. A message
/// type bound to no serializer is refused at the sending node with an error in its log; it
/// never arrives on the other side as JSON, and the connection stays up for what is bound.
/// </summary>
public sealed class RemoteSerializationSpec() : Akka.TestKit.Xunit2.TestKit(NodeWithTestLog()), IAsyncLifetime
{
    private ActorSystem? _other;

    /// <summary>A node's configuration as the node program loads it, on a free port, with the TestKit's log listener.</summary>
    private static Config NodeWithTestLog() => ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp.port = 0
        akka.loggers = ["Akka.TestKit.TestEventListener, Akka.TestKit"]
        """).WithFallback(NodeConfig.Load("worker", environment: new Dictionary<string, string>()));

    public Task InitializeAsync()
    {
        _other = ActorSystem.Create("actorpar", NodeWithTestLog());
        _other.ActorOf(Props.Create<ReceiptCounter>(), "counter");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_other is not null) await _other.Terminate();
    }

    [Fact]
    public async Task A_message_with_no_binding_fails_loudly_at_the_sender_and_never_crosses_the_network()
    {
        Assert.False(Sys.Settings.Config.GetBoolean("akka.actor.serialization-settings.allow-unregistered-types"));
        var address = ((ExtendedActorSystem)_other!).Provider.DefaultAddress;
        var counter = Sys.ActorSelection(new RootActorPath(address) / "user" / "counter");
        await counter.Ask<Job>(new Job(0), TimeSpan.FromSeconds(10)); // the connection is up: 1 message received

        // Akka's remoting says: No serializer binding found for type Unbound ... allow-unregistered-types
        await EventFilter.Error(contains: "Serialization failed for message [Akka.Actor.ActorSelectionMessage-->ActorPar.Tests.Messaging.Unbound]").ExpectOneAsync(() =>
        {
            counter.Tell(new Unbound(7), TestActor);
            return Task.CompletedTask;
        });
        counter.Tell(new Job(1), TestActor);

        // the next answer is for the second message of all, a Job: the unbound one never arrived
        Assert.Equal(new Job(2, nameof(Job)), await ExpectMsgAsync<Job>(TimeSpan.FromSeconds(10)));
    }
}
