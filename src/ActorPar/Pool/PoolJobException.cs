namespace ActorPar.Pool;

/// <summary>
/// <see cref="WorkerPool{TInput,TResult}.MapAsync(IEnumerable{TInput}, int?, CancellationToken)"/> could not return a result for every
/// input: some tasks failed for good (each after max-attempts tries), or the job was cut
/// short. Like Python's <c>Pool.map</c>, it raises instead of returning holes; use
/// <see cref="WorkerPool{TInput,TResult}.StreamAsync(IEnumerable{TInput}, int?, CancellationToken)"/> to get every outcome, failed or not.
/// </summary>
public sealed class PoolJobException(string message, IReadOnlyList<PoolFailure> failures) : Exception(message)
{
    /// <summary>The inputs that got no result, by position, with the error of their last attempt.</summary>
    public IReadOnlyList<PoolFailure> Failures { get; } = failures;
}
