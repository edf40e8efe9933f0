namespace ActorPar.Pool;

/// <summary>
/// How a <see cref="WorkerPool{TInput,TResult}"/> forms its cluster. By default the program
/// is the seed and starts its worker node processes itself on this machine, like Python's
/// <c>Pool(processes)</c>. Every other knob is configuration (hocon/, then <see cref="Settings"/>);
/// an option left null keeps the value in hocon/.
/// </summary>
public sealed record PoolOptions
{
    /// <summary>Worker nodes that must be Up before work starts; null keeps akka.cluster.role.worker.min-nr-of-members.</summary>
    public int? WorkerNodes { get; init; }

    /// <summary>
    /// How many of them this program starts itself, on this machine; null means all of
    /// <see cref="WorkerNodes"/> (none when it joins a <see cref="Seed"/>). With 0, start them
    /// yourself: <c>actorpar worker --seed HOST:PORT --worker-assembly YOUR.dll</c>.
    /// </summary>
    public int? LocalWorkerNodes { get; init; }

    /// <summary>
    /// The command that starts one local worker node. Null (the default) starts this program
    /// again, with the same arguments, as Python's <c>spawn</c> does: there
    /// <see cref="WorkerPool{TInput,TResult}.StartAsync(Akka.Actor.Props, PoolOptions?, CancellationToken)"/>
    /// becomes a worker node, so keep what your program does before it free of side effects.
    /// Or name the node program: <c>["dotnet", "path/ActorPar.Node.dll", "worker"]</c>.
    /// </summary>
    public IReadOnlyList<string>? WorkerNodeCommand { get; init; }

    /// <summary>Worker actors to deploy across the worker nodes; null keeps actorpar.coordinator.workers.</summary>
    public int? Workers { get; init; }

    /// <summary>Join the cluster whose seed is at HOST:PORT instead of being its seed.</summary>
    public string? Seed { get; init; }

    /// <summary>This node's port (0 lets the OS pick a free one); null keeps akka.remote.dot-netty.tcp.port.</summary>
    public int? Port { get; init; }

    /// <summary>More assemblies a <see cref="WorkerNodeCommand"/> node loads; the worker's own assembly is always loaded.</summary>
    public IReadOnlyList<string> WorkerAssemblies { get; init; } = [];

    /// <summary>Configuration keys to set, as <c>--set key=value</c> does, on this node and on the local worker nodes.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
