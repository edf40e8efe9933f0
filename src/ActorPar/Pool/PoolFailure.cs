namespace ActorPar.Pool;

/// <summary>One input without a result: its position, and why (the error of its last attempt, or the interruption).</summary>
public sealed record PoolFailure(long Index, string Error);
