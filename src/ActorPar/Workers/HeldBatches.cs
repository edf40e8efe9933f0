using System.Diagnostics;
using ActorPar.Coordination;

namespace ActorPar.Workers;

/// <summary>
/// The batches a worker holds: the one it is working through (which task is next, the
/// outcomes so far, when it began) and those waiting behind it, in the order they came.
/// Plain bookkeeping for <see cref="Worker"/>'s behaviours.
/// </summary>
internal sealed class HeldBatches
{
    private readonly Queue<Batch> _waiting = new();
    private List<TaskOutcome> _outcomes = [];
    private long _started;
    private int _index;

    /// <summary>The batch being worked through, or null.</summary>
    public Batch? Current { get; private set; }

    /// <summary>The highest batch number received.</summary>
    public long LastNumber { get; private set; }

    /// <summary>Batches in hand: the current one and those waiting.</summary>
    public int Count => _waiting.Count + (Current is null ? 0 : 1);

    public void Add(Batch batch)
    {
        Seen(batch.Number);
        _waiting.Enqueue(batch);
    }

    /// <summary>Notes that batches up to <paramref name="number"/> were received (a restarted worker carries it over).</summary>
    public void Seen(long number) => LastNumber = Math.Max(LastNumber, number);

    /// <summary>Makes the next waiting batch current; false when none waits.</summary>
    public bool StartNext()
    {
        Current = _waiting.TryDequeue(out var next) ? next : null;
        if (Current is null) return false;
        _index = 0;
        _outcomes = new List<TaskOutcome>(Current.Tasks.Count);
        _started = Stopwatch.GetTimestamp();
        return true;
    }

    /// <summary>The current batch's next task, or null when every task of it has an outcome.</summary>
    public TaskItem? NextTask => Current is { } batch && _index < batch.Tasks.Count ? batch.Tasks[_index] : null;

    /// <summary>Records the outcome of <see cref="NextTask"/> and moves on.</summary>
    public void Record(TaskOutcome outcome)
    {
        _outcomes.Add(outcome);
        _index++;
    }

    /// <summary>The outcomes recorded so far in the current batch, as a report giving back <paramref name="credit"/>; null when there are none.</summary>
    public BatchDone? Report(int credit)
    {
        if (Current is null || _outcomes.Count == 0) return null;
        var done = new BatchDone(_outcomes, Stopwatch.GetElapsedTime(_started).TotalMilliseconds, credit, Current.Number);
        _outcomes = [];
        return done;
    }

    /// <summary>Every task received but not started, now given up: the rest of the current batch and every waiting one.</summary>
    public List<long> TakeUnstarted()
    {
        var ids = new List<long>();
        if (Current is { } batch)
            for (var i = _index; i < batch.Tasks.Count; i++) ids.Add(batch.Tasks[i].Id);
        while (_waiting.TryDequeue(out var waiting)) ids.AddRange(waiting.Tasks.Select(t => t.Id));
        Current = null;
        return ids;
    }
}
