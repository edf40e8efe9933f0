using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorPar.Workers;

/// <summary>
/// The workers alive on this node. A node's CoordinatedShutdown uses it to drain them:
/// each is told to stop after its current task, and hands back what it has not started.
/// </summary>
public sealed class WorkerRegistry : IExtension
{
    private readonly ConcurrentDictionary<IActorRef, byte> _workers = new();

    /// <summary>The extension of <paramref name="system"/>.</summary>
    public static WorkerRegistry Get(ActorSystem system) => system.WithExtension<WorkerRegistry, WorkerRegistryProvider>();

    /// <summary>The workers alive on this node.</summary>
    public IReadOnlyCollection<IActorRef> Workers => _workers.Keys.ToArray();

    internal void Add(IActorRef worker) => _workers.TryAdd(worker, 0);

    internal void Remove(IActorRef worker) => _workers.TryRemove(worker, out _);
}

/// <summary>Creates the per-system <see cref="WorkerRegistry"/>.</summary>
public sealed class WorkerRegistryProvider : ExtensionIdProvider<WorkerRegistry>
{
    /// <inheritdoc />
    public override WorkerRegistry CreateExtension(ExtendedActorSystem system) => new();
}
