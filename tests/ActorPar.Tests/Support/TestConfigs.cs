using ActorPar.Coordination;
using ActorPar.Hosting;
using Akka.Configuration;

namespace ActorPar.Tests.Support;

/// <summary>
/// The configuration tests run with: the real hocon/ files, with every message and every
/// actor creation really serialized, so that a message our serializer cannot carry fails
/// here rather than between two processes.
/// </summary>
public static class TestConfigs
{
    // serialize-messages also pushes Akka's own local-only messages (GetRoutees, Routees,
    // cluster events) through serialization, and many of those have no binding. Nodes run
    // with allow-unregistered-types = off; specs let those local messages use the fallback.
    // Every ActorPar message is still checked against our serializer: ActorParSerializerSpec
    // asserts the binding, and the multi-process specs run the nodes' real configuration.
    private const string Verification = """
        akka.actor.serialize-messages = on
        akka.actor.serialize-creators = on
        akka.actor.serialization-settings.allow-unregistered-types = true
        akka.loglevel = INFO
        akka.loggers = ["Akka.TestKit.TestEventListener, Akka.TestKit"]
        akka.test.timefactor = 2
        akka.test.single-expect-default = 5s
        """;

    /// <summary>The nodes' own serialization rules, with no fallback for unbound types.</summary>
    public static Config Strict(string extra = "") => ConfigurationFactory.ParseString($"""
        {extra}
        akka.actor.provider = local
        """).WithFallback(NodeConfig.Load("worker"));

    /// <summary>One process, no network: for actor specs.</summary>
    public static Config Local(string extra = "") => ConfigurationFactory.ParseString($"""
        {extra}
        {Verification}
        akka.actor.provider = local
        """).WithFallback(NodeConfig.Load("worker"));

    /// <summary>
    /// A cluster node on 127.0.0.1 with an OS-assigned port, in role <paramref name="role"/>.
    /// Creator verification is off here: Akka.Cluster creates its own heartbeat actor with the
    /// Cluster extension as an argument, which no serializer can carry. Our workers' creation
    /// crosses the network for real in the multi-process specs.
    /// </summary>
    public static Config ClusterNode(string role, string extra = "") => ConfigurationFactory.ParseString($"""
        {extra}
        {Verification}
        akka.actor.serialize-creators = off
        akka.cluster.roles = [{role}]
        akka.remote.dot-netty.tcp.port = 0
        """).WithFallback(NodeConfig.Load("worker"));

    /// <summary>The coordinator's settings from hocon/, with <paramref name="hocon"/> over them (e.g. <c>actorpar.coordinator.workers = 2</c>).</summary>
    public static CoordinatorSettings Coordinator(string hocon = "") =>
        CoordinatorSettings.From(ConfigurationFactory.ParseString(hocon).WithFallback(NodeConfig.Load("coordinator", environment: new Dictionary<string, string>())));
}
