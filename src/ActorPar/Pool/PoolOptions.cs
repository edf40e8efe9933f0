namespace ActorPar.Pool;

/// <summary>
/// How a <see cref="WorkerPool{TInput,TResult}"/> forms its cluster. By default the program
/// is the seed and starts its worker node processes itself on this machine, like Python's
/// <c>Pool(processes)</c>. Every other knob is configuration (hocon/, then <see cref="Settings"/>).
/// </summary>
public sealed record PoolOptions
{
    /// <summary>Worker nodes that must be Up before work starts.</summary>
    public int WorkerNodes { get; init; } = 2;

    /// <summary>
    /// How many of them this program starts itself, as local processes of the node program
    /// (<see cref="NodeProgram"/>); null means all of <see cref="WorkerNodes"/>. With 0, start
    /// them yourself: <c>dotnet ActorPar.Node.dll worker --seed HOST:PORT --worker-assembly YOUR.dll</c>.
    /// </summary>
    public int? LocalWorkerNodes { get; init; }

    /// <summary>Worker actors to deploy across the worker nodes; null keeps actorpar.coordinator.workers.</summary>
    public int? Workers { get; init; }

    /// <summary>Join the cluster whose seed is at HOST:PORT instead of being its seed.</summary>
    public string? Seed { get; init; }

    /// <summary>This node's port; 0 lets the OS pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>The node program that local worker nodes run; by default ActorPar.Node.dll next to this program.</summary>
    public string? NodeProgram { get; init; }

    /// <summary>More assemblies the worker nodes load; the worker's own assembly is always loaded.</summary>
    public IReadOnlyList<string> WorkerAssemblies { get; init; } = [];

    /// <summary>Configuration keys to set, as <c>--set key=value</c> does, on this node and on the local worker nodes.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
