using ActorPar.Chunks;

namespace ActorPar.Coordination;

/// <summary>
/// Every input of one job, tracked a chunk at a time from the moment it is read until each of
/// its elements has an outcome recorded once. Inputs are read lazily, a chunk's worth when a
/// chunk is lent; chunks taken back go to the front of the queue, earliest position first (split in two when their worker
/// was lost or hung, so that one poison element cannot keep taking a whole chunk down), elements
/// that threw wait to be retried alone, and a late duplicate is recognised element by element.
/// Memory and work grow with the number of chunks, not of elements: positions are implicit
/// (a run's first position plus an offset), and resolved ones are bits (<see cref="ResolvedPositions"/>).
/// Positions here are the job's (0, 1, ...); on the wire they are task ids, <see cref="FirstId"/> + position.
/// </summary>
internal sealed partial class ChunkLedger(long firstId, InputReader reader, long? count, int maxAttempts)
{
    private readonly ResolvedPositions _resolved = new();
    private readonly InputSegments _inputs = new();
    private readonly SortedDictionary<long, PositionRun[]> _requeued = new(); // by first position: the earliest is lent first
    private readonly Queue<long> _retries = new();
    private readonly Dictionary<long, int> _attempts = new();
    private readonly Dictionary<long, PositionRun[]> _lent = new();
    private readonly Dictionary<long, string> _hung = new();
    private readonly List<ResultRun> _rejected = [];
    private long _read, _queued;
    private bool _sourceEnded, _cancelled;

    /// <summary>The task id of the job's first input; ids are unique across jobs.</summary>
    public long FirstId { get; } = firstId;

    /// <summary>How many inputs there are, when known up front.</summary>
    public long? Count { get; } = count;

    public long Submitted => _read;
    public long Completed { get; private set; }
    public long Failed { get; private set; }
    public long DuplicatesIgnored { get; private set; }

    /// <summary>Elements taken back from a worker that was lost, hung, or whose chunk was lost in transit, and lent again.</summary>
    public long Requeued { get; private set; }

    /// <summary>Attempts made again after an element threw (or timed out alone).</summary>
    public long Retried { get; private set; }

    /// <summary>Elements a worker handed back unstarted (it was stopping, or restarting), lent again.</summary>
    public long HandedBack { get; private set; }

    /// <summary>Chunks lent and not yet reported, returned or taken back.</summary>
    public int Lent => _lent.Count;

    /// <summary>Elements not yet lent: those waiting in the queue, and the inputs not yet read when their number is known.</summary>
    public long? Unlent => Count is { } total ? Math.Max(0, total - _read) + _queued : null;

    /// <summary>Whether the task id belongs to this job's inputs read so far.</summary>
    public bool Owns(long id) => id >= FirstId && id < FirstId + _read;

    /// <summary>True once every input has been read and every one resolved. It may look ahead one input to know.</summary>
    public bool IsDone()
    {
        if (_resolved.Count < _read) return false;
        if (_sourceEnded || _cancelled) return true;
        if (reader.HasMore() != false) return false;
        _sourceEnded = true;
        return true;
    }

    /// <summary>
    /// The next chunk to lend, numbered <paramref name="number"/>, of up to <paramref name="size"/>
    /// elements: first what was taken back, then elements to retry, then fresh inputs. Null when
    /// nothing can be lent now (everything is lent, or an asynchronous source has nothing ready).
    /// </summary>
    public Chunk? Take(int size, long number)
    {
        if (_cancelled || size < 1) return null;
        var runs = new List<PositionRun>(1);
        var taken = TakeQueued(runs, size);
        ChunkItems inputs;
        if (taken > 0) inputs = ChunkItems.Concat(runs.Select(r => _inputs.Slice(r.First, r.Count)).ToList());
        else if (ReadFresh(size) is { } fresh)
        {
            runs.Add(new PositionRun(_read, fresh.Count));
            _inputs.Add(_read, fresh);
            _read += fresh.Count;
            inputs = fresh;
        }
        else return null;
        var lent = runs.ToArray();
        _lent[number] = lent;
        return new Chunk(number, ToIds(lent), inputs);
    }

    /// <summary>The job positions of lent chunk <paramref name="number"/>; none when it is not lent.</summary>
    public IReadOnlyList<PositionRun> Positions(long number) => _lent.TryGetValue(number, out var runs) ? runs : [];

    /// <summary>Inputs that could not be read since the last call, each already resolved as failed.</summary>
    public IReadOnlyList<ResultRun> TakeRejected()
    {
        if (_rejected.Count == 0) return [];
        var rejected = _rejected.ToArray();
        _rejected.Clear();
        return rejected;
    }

    /// <summary>
    /// Takes chunk <paramref name="number"/> back from its worker. Its unresolved elements go to
    /// the front of the queue: whole when they were never started (<see cref="TakeBack.NotStarted"/>),
    /// else split in two. A single element taken back from a hung worker, or lost in transit,
    /// counts as a failed attempt with <paramref name="error"/>.
    /// </summary>
    public void TakeBackChunk(long number, TakeBack why, string error, List<ResultRun> resolved, RetrySummary retries)
    {
        if (!_lent.Remove(number, out var runs)) return;
        var open = Unresolved(runs);
        var count = PositionRuns.Count(open);
        if (count == 0) return;
        if (count == 1 && why is TakeBack.Hung or TakeBack.Lost)
        {
            Fail(open[0].First, error, WorkerInfo.None, resolved, retries);
            return;
        }
        Requeued += count;
        if (why == TakeBack.NotStarted || count == 1) Requeue(open);
        else
        {
            var half = count / 2;
            Requeue(PositionRuns.Slice(open, half, count - half));
            Requeue(PositionRuns.Slice(open, 0, half));
            if (why == TakeBack.Hung) _hung[number] = error;
        }
    }

    /// <summary>Chunk <paramref name="number"/> came back unstarted from its worker: lend it again first, whole.</summary>
    public void Returned(long number)
    {
        if (!_lent.Remove(number, out var runs)) return; // already taken back
        var open = Unresolved(runs);
        HandedBack += PositionRuns.Count(open);
        Requeue(open);
    }

    /// <summary>
    /// Elements of chunk <paramref name="number"/> that cannot be sent to a worker fail for good
    /// with their reason, without being lent; the rest of the chunk is lent again first.
    /// </summary>
    public void Refuse(long number, IReadOnlyList<ElementFailure> refused, List<ResultRun> resolved)
    {
        if (!_lent.Remove(number, out var runs)) return;
        var keep = new List<PositionRun>();
        var next = 0;
        foreach (var failure in refused.OrderBy(f => f.Offset))
        {
            keep.AddRange(PositionRuns.Slice(runs, next, failure.Offset - next));
            FailForGood(PositionRuns.At(runs, failure.Offset), failure.Error, WorkerInfo.None, null, 0, resolved);
            next = failure.Offset + 1;
        }
        keep.AddRange(PositionRuns.Slice(runs, next, PositionRuns.Count(runs) - next));
        Requeue(Unresolved(keep));
    }

    /// <summary>The job was cancelled: nothing more is read or lent, and what waited is dropped.</summary>
    public void Cancel()
    {
        _cancelled = true;
        _requeued.Clear();
        _retries.Clear();
        _queued = 0;
        reader.Dispose();
    }

    /// <summary>
    /// The input positions not resolved, as ranges: elements lent or queued, and inputs not yet
    /// read. With <paramref name="readRest"/> it reads the rest of the source to count it (a
    /// cancelled job does not: its source is left alone), so call it only once a job is over.
    /// </summary>
    public IReadOnlyList<IndexRange> Unresolved(bool readRest)
    {
        var ranges = _resolved.UnsetRuns(0, (int)Math.Min(int.MaxValue, _read)).Select(r => new IndexRange(r.First, r.First + r.Count - 1)).ToList();
        var total = _read;
        if (readRest && !_cancelled && !_sourceEnded)
            while (reader.Read(1 << 16) is { Kind: InputReadKind.Items or InputReadKind.Invalid } more)
                total += more.Items?.Count ?? 1;
        if (Count is { } known) total = Math.Max(total, known);
        if (total > _read)
        {
            if (ranges.Count > 0 && ranges[^1].Last == _read - 1) ranges[^1] = ranges[^1] with { Last = total - 1 };
            else ranges.Add(new IndexRange(_read, total - 1));
        }
        return ranges;
    }

    /// <summary>
    /// Fills <paramref name="runs"/> from the queue: one piece taken back (never two together,
    /// so the halves of a split chunk travel apart), else elements to retry.
    /// </summary>
    private int TakeQueued(List<PositionRun> runs, int size)
    {
        var taken = 0;
        while (taken == 0 && _requeued.Count > 0)
        {
            var (first, front) = _requeued.First();
            _requeued.Remove(first);
            var open = Unresolved(front);
            var count = PositionRuns.Count(open);
            _queued -= PositionRuns.Count(front);
            var take = Math.Min(count, size - taken);
            foreach (var run in PositionRuns.Slice(open, 0, take)) PositionRuns.Append(runs, run.First, run.Count);
            if (take < count) Requeue(PositionRuns.Slice(open, take, count - take));
            taken += take;
        }
        if (taken > 0) return taken;
        while (taken < size && _retries.TryDequeue(out var position))
        {
            _queued--;
            if (_resolved.Get(position)) continue;
            PositionRuns.Append(runs, position, 1);
            taken++;
        }
        return taken;
    }

    private ChunkItems? ReadFresh(int size)
    {
        while (!_sourceEnded)
        {
            var read = reader.Read(size);
            switch (read.Kind)
            {
                case InputReadKind.Items:
                    return read.Items;
                case InputReadKind.Invalid:
                    var position = _read++;
                    _resolved.Set(position, 1);
                    Failed++;
                    _rejected.Add(ResultRun.Rejected(position, null, read.Error!));
                    continue;
                case InputReadKind.Pending:
                    return null;
                default:
                    _sourceEnded = true;
                    return null;
            }
        }
        return null;
    }

    private void Requeue(PositionRun[] runs)
    {
        if (runs.Length == 0) return;
        var first = runs[0].First;
        _requeued[first] = _requeued.Remove(first, out var already) ? [.. already, .. runs] : runs;
        _queued += PositionRuns.Count(runs);
    }

    /// <summary>The runs less the positions already resolved.</summary>
    private PositionRun[] Unresolved(IReadOnlyList<PositionRun> runs)
    {
        var open = new List<PositionRun>(runs.Count);
        foreach (var run in runs)
        {
            var set = _resolved.CountSet(run.First, run.Count);
            if (set == 0) open.Add(run);
            else if (set < run.Count)
                foreach (var (first, count) in _resolved.UnsetRuns(run.First, run.Count)) open.Add(new PositionRun(first, count));
        }
        return [.. open];
    }

    private PositionRun[] ToIds(PositionRun[] runs) => [.. runs.Select(r => r with { First = r.First + FirstId })];
}

/// <summary>Why a chunk is taken back from its worker.</summary>
internal enum TakeBack
{
    /// <summary>The worker terminated, or its node was lost: the chunk is split and lent again.</summary>
    Departed,
    /// <summary>The worker was silent past the task timeout on this chunk: split, and a lone element counts a failed attempt.</summary>
    Hung,
    /// <summary>The chunk (or its report) never arrived: split, and a lone element counts a failed attempt.</summary>
    Lost,
    /// <summary>The worker never started it (it was behind a hung chunk): lent again whole.</summary>
    NotStarted,
}
