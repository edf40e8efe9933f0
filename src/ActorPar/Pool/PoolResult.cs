namespace ActorPar.Pool;

/// <summary>The outcome of one input: its position, the input, and its result or the error of its last attempt.</summary>
public sealed record PoolResult<TInput, TResult>(long Index, TInput Input, TResult? Result, string? Error)
{
    /// <summary>The input failed for good: <see cref="Error"/> is the error of its last attempt.</summary>
    public bool Failed => Error is not null;
}
