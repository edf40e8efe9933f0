using ActorPar.Coordination;

namespace ActorPar.Chunks;

/// <summary>
/// Input positions <see cref="First"/> to <see cref="End"/> - 1 of one job, resolved together
/// and reported once each: every one completed, with its result; or (then <see cref="Count"/> is 1)
/// failed for good, with <see cref="Error"/>. A consumer that wants every value reads them as
/// arrays (<see cref="CopyResultsTo{T}"/>, a block copy when they arrived typed); one that wants
/// one task at a time reads <see cref="Tasks"/>.
/// </summary>
public sealed class ResultRun
{
    private readonly ChunkItems _inputs;
    private readonly int _inputOffset;
    private readonly ChunkItems _results;
    private readonly int _resultOffset;

    internal ResultRun(long first, int count, ChunkItems inputs, int inputOffset, ChunkItems results, int resultOffset, string? error, WorkerInfo worker)
    {
        (First, Count, Error, Worker) = (first, count, error, worker);
        (_inputs, _inputOffset, _results, _resultOffset) = (inputs, inputOffset, results, resultOffset);
    }

    /// <summary>A task that failed without running (its input could not be read, or cannot travel).</summary>
    internal static ResultRun Rejected(long position, object? input, string error) =>
        new(position, 1, input is null ? ChunkItems.None : new ArrayItems(new[] { input }), 0, ChunkItems.None, 0, error, WorkerInfo.None);

    /// <summary>The first input position.</summary>
    public long First { get; }

    /// <summary>How many positions.</summary>
    public int Count { get; }

    /// <summary>The position after the last one.</summary>
    public long End => First + Count;

    /// <summary>Why the task failed for good (after max-attempts tries, or without running); null when every task of the run completed.</summary>
    public string? Error { get; }

    /// <summary>Whether the run failed (then it is one task).</summary>
    public bool Failed => Error is not null;

    /// <summary>The worker that reported the run (<see cref="WorkerInfo.None"/> for a task that never ran).</summary>
    public WorkerInfo Worker { get; }

    /// <summary>The input of the task at <paramref name="offset"/> in the run, boxed.</summary>
    public object? Input(int offset) => _inputs.Count == 0 ? null : _inputs.Get(_inputOffset + offset);

    /// <summary>The result of the task at <paramref name="offset"/> in the run, boxed; null for a failed one.</summary>
    public object? Result(int offset) => Failed ? null : _results.Get(_resultOffset + offset);

    /// <summary>Copies the run's results into <paramref name="destination"/> (at least <see cref="Count"/> long); a failed run copies nothing.</summary>
    public void CopyResultsTo<T>(Span<T> destination)
    {
        if (Failed) return;
        if (_results.AsArray<T>() is { } typed) typed.AsSpan(_resultOffset, Count).CopyTo(destination);
        else
            for (var i = 0; i < Count; i++) destination[i] = (T)_results.Get(_resultOffset + i)!;
    }

    /// <summary>The run's results, without a copy, when they arrived as a <typeparamref name="T"/> array.</summary>
    public bool TryGetResults<T>(out ReadOnlySpan<T> results)
    {
        results = !Failed && _results.AsArray<T>() is { } typed ? typed.AsSpan(_resultOffset, Count) : default;
        return !Failed && _results.AsArray<T>() is not null;
    }

    /// <summary>Copies the run's inputs into <paramref name="destination"/>.</summary>
    public void CopyInputsTo<T>(Span<T> destination)
    {
        if (_inputs.Count == 0) return;
        if (_inputs.AsArray<T>() is { } typed) typed.AsSpan(_inputOffset, Count).CopyTo(destination);
        else _inputs.Slice(_inputOffset, Count).CopyTo(destination);
    }

    /// <summary>One <see cref="TaskResult"/> per task, boxed: for consumers that take one task at a time.</summary>
    public IEnumerable<TaskResult> Tasks()
    {
        for (var i = 0; i < Count; i++) yield return new TaskResult(First + i, Input(i), Result(i), Error, Worker);
    }

    /// <inheritdoc />
    public override string ToString() => $"{new PositionRun(First, Count)}{(Failed ? $" failed: {Error}" : "")}";
}
