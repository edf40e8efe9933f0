using System.Collections;

namespace ActorPar.Coordination;

/// <summary>
/// Every task of one job, from the moment its input is read until its outcome is recorded
/// once. Tasks wait in a queue (tasks put back go to its front), are lent to workers, and
/// are resolved exactly once: a second outcome for the same id is counted and dropped.
/// Inputs are read lazily, so a job of ten million tasks holds only those in flight.
/// Ids are the coordinator's (<see cref="FirstId"/> + index), unique across jobs.
/// </summary>
internal sealed class TaskLedger(long firstId, IEnumerable<object?> inputs, int maxAttempts)
{
    private readonly IEnumerator<object?> _source = inputs.GetEnumerator();
    private readonly Dictionary<long, OpenTask> _open = new();
    private readonly LinkedList<long> _queue = new();
    private readonly BitArrayList _resolved = new();
    private readonly List<TaskResult> _rejected = [];
    private long _read;
    private bool _sourceDone;
    private bool _hasNext;
    private object? _next;

    public long FirstId { get; } = firstId;
    public long Submitted => _read;
    public long Completed { get; private set; }
    public long Failed { get; private set; }
    public long DuplicatesIgnored { get; private set; }
    public long Requeued { get; private set; }

    public bool Owns(long id) => id >= FirstId && id < FirstId + _read;

    /// <summary>True once every input has been read and every task resolved. It may read ahead one input to know.</summary>
    public bool IsDone()
    {
        if (_open.Count > 0) return false;
        while (Peek() is InvalidInput) Reject(NextInput());
        return !_hasNext && _sourceDone;
    }

    /// <summary>Takes the next task to lend out: first any put back, then a fresh input.</summary>
    public TaskItem? Take()
    {
        if (_queue.First is { } first)
        {
            var queued = _open[first.Value];
            _queue.RemoveFirst();
            queued.QueueNode = null;
            return new TaskItem(first.Value, queued.Input);
        }
        while (HasNext())
        {
            var input = NextInput();
            if (input is InvalidInput)
            {
                Reject(input);
                continue;
            }
            var id = FirstId + _read++;
            _open[id] = new OpenTask(input);
            return new TaskItem(id, input);
        }
        return null;
    }

    /// <summary>Inputs that could not be read since the last call, each already resolved as failed.</summary>
    public IReadOnlyList<TaskResult> TakeRejected()
    {
        if (_rejected.Count == 0) return [];
        var rejected = _rejected.ToArray();
        _rejected.Clear();
        return rejected;
    }

    /// <summary>Puts tasks back at the front of the queue, in the order given.</summary>
    public void PutBack(IEnumerable<long> ids)
    {
        LinkedListNode<long>? last = null;
        foreach (var id in ids)
        {
            if (!_open.TryGetValue(id, out var task) || task.QueueNode is not null) continue;
            task.QueueNode = last = last is null ? _queue.AddFirst(id) : _queue.AddAfter(last, id);
            Requeued++;
        }
    }

    /// <summary>Records one outcome; the first outcome per id wins and later ones are counted as duplicates.</summary>
    /// <param name="retry">Whether a failure may be retried (false: it fails for good at once).</param>
    public OutcomeVerdict Record(TaskOutcome outcome, WorkerInfo worker, out TaskResult? result, bool retry = true)
    {
        result = null;
        if (!Owns(outcome.Id) || _resolved.Get(outcome.Id - FirstId) || !_open.TryGetValue(outcome.Id, out var task))
        {
            DuplicatesIgnored++;
            return OutcomeVerdict.Duplicate;
        }

        if (outcome.Failed && retry && ++task.Attempts < maxAttempts)
        {
            if (task.QueueNode is null)
            {
                task.QueueNode = _queue.AddLast(outcome.Id);
                Requeued++;
            }
            return OutcomeVerdict.Retry;
        }

        if (task.QueueNode is not null) _queue.Remove(task.QueueNode);
        _open.Remove(outcome.Id);
        _resolved.Set(outcome.Id - FirstId);
        if (outcome.Failed) Failed++;
        else Completed++;
        result = new TaskResult(outcome.Id - FirstId, task.Input, outcome.Result, outcome.Error, worker);
        return outcome.Failed ? OutcomeVerdict.FailedForGood : OutcomeVerdict.Completed;
    }

    /// <summary>
    /// The input positions not resolved, as ranges: tasks lent or queued, and every input not
    /// yet read. It reads the rest of the inputs to count them, so call it only once a job is over.
    /// </summary>
    public IReadOnlyList<IndexRange> Unresolved()
    {
        var indexes = _open.Keys.Select(id => id - FirstId).ToList();
        while (HasNext())
        {
            NextInput();
            indexes.Add(_read++);
        }
        indexes.Sort();
        var ranges = new List<IndexRange>();
        foreach (var index in indexes)
        {
            if (ranges.Count > 0 && ranges[^1].Last == index - 1) ranges[^1] = ranges[^1] with { Last = index };
            else ranges.Add(new IndexRange(index, index));
        }
        return ranges;
    }

    private bool HasNext()
    {
        Peek();
        return _hasNext;
    }

    /// <summary>The next input without taking it; null also when there is none (check <see cref="_hasNext"/>).</summary>
    private object? Peek()
    {
        if (!_hasNext && !_sourceDone)
        {
            if (_source.MoveNext())
            {
                _next = _source.Current;
                _hasNext = true;
            }
            else
            {
                _sourceDone = true;
                _source.Dispose();
            }
        }
        return _hasNext ? _next : null;
    }

    private object? NextInput()
    {
        Peek();
        _hasNext = false;
        var input = _next;
        _next = null;
        return input;
    }

    private void Reject(object? input)
    {
        var index = _read++;
        _resolved.Set(index);
        Failed++;
        _rejected.Add(new TaskResult(index, null, null, ((InvalidInput)input!).Error, WorkerInfo.None));
    }

    private sealed class OpenTask(object? input)
    {
        public object? Input { get; } = input;
        public int Attempts { get; set; }
        public LinkedListNode<long>? QueueNode { get; set; }
    }

    /// <summary>A growable bit set indexed by a task's position in its job.</summary>
    private sealed class BitArrayList
    {
        private const int ChunkBits = 1 << 20;
        private readonly List<BitArray> _chunks = [];

        public bool Get(long index)
        {
            var chunk = (int)(index / ChunkBits);
            return chunk < _chunks.Count && _chunks[chunk][(int)(index % ChunkBits)];
        }

        public void Set(long index)
        {
            var chunk = (int)(index / ChunkBits);
            while (_chunks.Count <= chunk) _chunks.Add(new BitArray(ChunkBits));
            _chunks[chunk][(int)(index % ChunkBits)] = true;
        }
    }
}

/// <summary>What became of one reported outcome.</summary>
internal enum OutcomeVerdict { Completed, FailedForGood, Retry, Duplicate }
