using ActorPar.Chunks;
using ActorPar.Coordination;
using ActorPar.Messaging;

namespace ActorPar.Workers;

/// <summary>
/// The chunk a worker is working through: which element is next, the results and failures so
/// far, and when it began. The typed subclass (<see cref="ChunkRun{TInput,TResult}"/>) runs the
/// elements with no boxing; the worker's behaviours drive it a slice at a time.
/// </summary>
internal abstract class ChunkRun(Chunk chunk)
{
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    public Chunk Chunk { get; } = chunk;

    /// <summary>Elements with an outcome so far: the offset of the next one.</summary>
    public int Done { get; protected set; }

    /// <summary>Elements to run: the chunk's, or fewer once the worker was told to stop early.</summary>
    protected int Limit { get; private set; } = chunk.Count;

    /// <summary>The element that went asynchronous, while it runs.</summary>
    public Task? Pending { get; protected set; }

    /// <summary>Runs no element past the current one.</summary>
    public void StopEarly() => Limit = Math.Min(Limit, Done);

    /// <summary>Runs elements until the chunk ends, one goes asynchronous (<see cref="Pending"/>), or <paramref name="deadline"/> (a Stopwatch timestamp) passes.</summary>
    public abstract RunState Run(long deadline, CancellationToken cancellation);

    /// <summary>The asynchronous element at <see cref="Done"/> finished: records its outcome, unless the run was stopped meanwhile.</summary>
    public abstract void Settle(object? result, Exception? error);

    /// <summary>The result of the element that went asynchronous, boxed for the trip back to the actor.</summary>
    public abstract Task<object?> PendingBoxed();

    /// <summary>The report of what was done, giving back <paramref name="credit"/>; <paramref name="interrupted"/>: the element at <see cref="Done"/> was running.</summary>
    public ChunkDone Report(int credit, bool interrupted, WireTypes wire)
    {
        var (results, failures) = Outcomes(wire);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        return new ChunkDone(Chunk.Number, Chunk.Runs, Done, results, failures, elapsed, credit, interrupted && Done < Chunk.Count);
    }

    /// <summary>The results of the elements done, and the failures among them (in order of offset).</summary>
    protected abstract (ChunkItems Results, ElementFailure[] Failures) Outcomes(WireTypes wire);

    /// <summary>A task's exception, as one line for reports and logs.</summary>
    protected static string Describe(Exception error)
    {
        var cause = error is AggregateException { InnerException: { } inner } ? inner : error;
        return $"{cause.GetType().Name}: {cause.Message.ReplaceLineEndings(" ").Trim()}";
    }
}

/// <summary>What <see cref="ChunkRun.Run"/> stopped at.</summary>
internal enum RunState
{
    /// <summary>Every element to run has its outcome.</summary>
    Finished,
    /// <summary>The slice was used up; more elements remain.</summary>
    Yielded,
    /// <summary>An element runs asynchronously: <see cref="ChunkRun.Pending"/>.</summary>
    Awaiting,
}
