using Xunit.Abstractions;

namespace ActorPar.TestKit;

/// <summary>What a <see cref="TestCluster{TInput,TResult}"/> starts. Every option is optional: null keeps the value in hocon/.</summary>
public sealed record TestClusterOptions
{
    /// <summary>Worker nodes to start in the test process; null keeps akka.cluster.role.worker.min-nr-of-members.</summary>
    public int? WorkerNodes { get; init; }

    /// <summary>Worker actors to deploy across them; null keeps actorpar.coordinator.workers.</summary>
    public int? Workers { get; init; }

    /// <summary>Every node's configuration, as your real nodes get it (your <c>.conf</c>, <c>--set</c> settings).</summary>
    public ActorParTestConfig Config { get; init; } = new();

    /// <summary>xunit's output: every node's log goes there, each line prefixed with the node's name.</summary>
    public ITestOutputHelper? Output { get; init; }
}
