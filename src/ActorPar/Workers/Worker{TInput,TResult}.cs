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

    /// <inheritdoc />
    protected sealed override ValueTask<object?> ProcessTaskAsync(object? input)
    {
        if (input is not TInput typed)
            throw new ArgumentException($"{GetType().Name} takes {typeof(TInput).Name}, not {input?.GetType().Name ?? "null"}.");
        var pending = ProcessAsync(typed, Lifetime);
        return pending.IsCompletedSuccessfully ? ValueTask.FromResult<object?>(pending.Result) : Box(pending);
    }

    private static async ValueTask<object?> Box(ValueTask<TResult> pending) => await pending;
}
