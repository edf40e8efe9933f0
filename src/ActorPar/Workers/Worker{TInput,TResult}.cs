namespace ActorPar.Workers;

/// <summary>
/// The base class for your own worker: override <see cref="Process"/> for synchronous work
/// or <see cref="ProcessAsync"/> for asynchronous work, and ActorPar does the rest of the
/// protocol (asking for work, reporting, retries, stop). A task fails by throwing: its
/// exception's type and message are reported, this worker goes on with its next task, and
/// the failed task is tried again up to <c>actorpar.coordinator.max-attempts</c> times.
/// Inputs and results must travel between processes: use int, long, double, string, bool
/// or byte[], or records with a public constructor, listed in
/// <c>actorpar.serialization.types</c> (or implementing <see cref="Messaging.IActorParMessage"/>).
/// A worker is created on other nodes from its type alone, so give it a public
/// parameterless constructor (or serializable constructor arguments).
/// docs/custom-workers.md says why this is a base class and not a handler interface.
/// </summary>
public abstract class Worker<TInput, TResult> : Worker
{
    /// <summary>Processes one input synchronously.</summary>
    protected virtual TResult Process(TInput input) =>
        throw new NotImplementedException($"{GetType().Name} must override Process or ProcessAsync.");

    /// <summary>Processes one input asynchronously; by default it runs <see cref="Process"/>.</summary>
    protected virtual ValueTask<TResult> ProcessAsync(TInput input, CancellationToken cancellation) =>
        ValueTask.FromResult(Process(input));

    /// <summary>Whether this worker type overrides <see cref="ProcessAsync"/>; if not, elements run through <see cref="Process"/> directly.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> GoesAsync = new();

    private protected sealed override ChunkRun Start(Coordination.Chunk chunk)
    {
        var async = GoesAsync.GetOrAdd(GetType(), static type =>
        {
            var method = type.GetMethod(nameof(ProcessAsync), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic,
                [typeof(TInput), typeof(CancellationToken)]);
            return method is not null && method.DeclaringType != typeof(Worker<TInput, TResult>);
        });
        return new ChunkRun<TInput, TResult>(chunk, Process, async ? ProcessAsync : null, GetType().Name);
    }
}
