using Akka.Configuration;

namespace ActorPar.TestKit.Internal;

/// <summary>hocon/testkit.conf, which this assembly carries: what a test adds to a node's configuration.</summary>
internal static class TestKitHocon
{
    private static readonly Lazy<Config> Loaded = new(() =>
    {
        using var stream = typeof(TestKitHocon).Assembly.GetManifestResourceStream("testkit.conf")
                           ?? throw new InvalidOperationException("ActorPar.TestKit was built without its testkit.conf");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    });

    /// <summary>
    /// A worker under test: one actor system, no network, every message written and read back.
    /// Akka.Remote's and Akka.Cluster's own configuration stays under it, so that values find
    /// the same serializers as on a node (an int constructor argument, say), though neither runs.
    /// </summary>
    public static Config Unit(Config node) => Loaded.Value.GetConfig("actorpar.testkit.unit").WithFallback(Loaded.Value).WithFallback(node)
        .WithFallback(ConfigurationFactory.FromResource<Akka.Cluster.Cluster>("Akka.Cluster.Configuration.Cluster.conf"))
        .WithFallback(ConfigurationFactory.FromResource<Akka.Remote.RemoteActorRefProvider>("Akka.Remote.Configuration.Remote.conf"));

    /// <summary>A node of an in-process cluster.</summary>
    public static Config ClusterNode(Config node) => Loaded.Value.GetConfig("actorpar.testkit.cluster-node").WithFallback(Loaded.Value).WithFallback(node);

    /// <summary>How long a unit test waits for one task's outcome when no task timeout is set.</summary>
    public static TimeSpan ResultWait(Config config) => config.GetTimeSpan("actorpar.testkit.result-wait");
}
