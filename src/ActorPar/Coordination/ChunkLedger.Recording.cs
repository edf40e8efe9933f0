using ActorPar.Chunks;

namespace ActorPar.Coordination;

// How the ledger records what workers report: each element's outcome once, whole runs at a time.
internal sealed partial class ChunkLedger
{
    /// <summary>
    /// Records a chunk's report. Each element's first outcome wins; an element already resolved
    /// is counted as a duplicate and dropped. An element that threw is retried alone while it has
    /// attempts left, else it fails for good. Newly resolved elements are added to
    /// <paramref name="resolved"/> as runs, in order. When the worker stopped short of the
    /// chunk's end, the rest goes to the front of the queue (handed back unstarted).
    /// A report of a chunk already taken back still counts: only its remainder is not queued
    /// twice. Positions of another job are ignored.
    /// </summary>
    public void Record(ChunkDone done, WorkerInfo worker, List<ResultRun> resolved, RetrySummary retries)
    {
        var lent = _lent.Remove(done.Number, out var ours) ? ours : null;
        var runs = lent ?? ToPositions(done.Runs);
        var total = PositionRuns.Count(runs);
        var doneCount = Math.Clamp(done.Done, 0, total);
        var failures = done.Failures;
        var next = 0;
        var offset = 0;
        foreach (var run in runs)
        {
            var count = Math.Min(run.Count, doneCount - offset);
            if (count <= 0) break;
            if (run.First >= 0 && run.First + count <= _read) RecordRun(run.First, count, offset, done.Results, failures, ref next, worker, resolved, retries);
            offset += run.Count;
        }
        if (doneCount >= total) return;

        var rest = doneCount;
        if (done.Interrupted)
        {
            // The element at Done was running when its worker restarted: a failed attempt. When the
            // coordinator restarted it for a hung chunk of one, that attempt was counted already.
            var hung = _hung.Remove(done.Number, out var timedOut) ? timedOut : null;
            var error = lent is not null ? "its worker restarted while it ran" : total > 1 ? hung : null;
            if (error is not null)
            {
                var position = PositionRuns.At(runs, doneCount);
                if (position >= 0 && position < _read) Fail(position, error, worker, resolved, retries);
                rest++;
            }
        }
        if (lent is null) return; // taken back already: what was not done is queued once
        var open = Unresolved(PositionRuns.Slice(runs, rest, total - rest));
        HandedBack += PositionRuns.Count(open);
        Requeue(open);
    }

    /// <summary>Records <paramref name="count"/> outcomes from <paramref name="first"/>, at <paramref name="offset"/> in the report.</summary>
    private void RecordRun(long first, int count, int offset, ChunkItems results, ElementFailure[] failures, ref int next,
        WorkerInfo worker, List<ResultRun> resolved, RetrySummary retries)
    {
        var position = first;
        while (next < failures.Length && failures[next].Offset < offset + count)
        {
            var failure = failures[next++];
            if (failure.Offset < offset) continue;
            var failed = first + (failure.Offset - offset);
            Succeed(position, (int)(failed - position), offset + (int)(position - first), results, worker, resolved);
            Fail(failed, failure.Error, worker, resolved, retries);
            position = failed + 1;
        }
        Succeed(position, (int)(first + count - position), offset + (int)(position - first), results, worker, resolved);
    }

    /// <summary>Elements that completed: those not yet resolved are, in runs; the others are duplicates.</summary>
    private void Succeed(long first, int count, int resultOffset, ChunkItems results, WorkerInfo worker, List<ResultRun> resolved)
    {
        if (count <= 0) return;
        var already = _resolved.CountSet(first, count);
        if (already == 0)
        {
            Resolve(first, count, results, resultOffset, null, worker, resolved);
            return;
        }
        DuplicatesIgnored += already;
        if (already == count) return;
        foreach (var (start, length) in _resolved.UnsetRuns(first, count))
            Resolve(start, length, results, resultOffset + (int)(start - first), null, worker, resolved);
    }

    /// <summary>An element threw (or was lost or hung alone): retried while it has attempts left, else failed for good.</summary>
    private void Fail(long position, string error, WorkerInfo worker, List<ResultRun> resolved, RetrySummary retries)
    {
        if (_resolved.Get(position))
        {
            DuplicatesIgnored++;
            return;
        }
        var attempts = _attempts[position] = _attempts.GetValueOrDefault(position) + 1;
        if (attempts < maxAttempts)
        {
            _retries.Enqueue(position);
            _queued++;
            Retried++;
            retries.Add(position, worker, error);
            return;
        }
        FailForGood(position, error, worker, null, 0, resolved);
    }

    private void FailForGood(long position, string error, WorkerInfo worker, ChunkItems? results, int resultOffset, List<ResultRun> resolved)
    {
        if (_resolved.Get(position)) return;
        Resolve(position, 1, results ?? ChunkItems.None, resultOffset, error, worker, resolved);
    }

    /// <summary>Marks unresolved positions resolved, counts them, and pairs each run with its inputs for the listener.</summary>
    private void Resolve(long first, int count, ChunkItems results, int resultOffset, string? error, WorkerInfo worker, List<ResultRun> resolved)
    {
        _resolved.Set(first, count);
        if (error is null) Completed += count;
        else Failed += count;
        if (_attempts.Count > 0)
            for (var position = first; position < first + count; position++) _attempts.Remove(position);
        foreach (var (segment, segmentOffset, take) in _inputs.Pieces(first, count).ToList())
        {
            resolved.Add(new ResultRun(first, take, segment.Items, segmentOffset, error is null ? results : ChunkItems.None, resultOffset, error, worker));
            _inputs.Resolved(segment, take);
            first += take;
            resultOffset += take;
        }
    }

    private PositionRun[] ToPositions(PositionRun[] ids) => [.. ids.Select(r => r with { First = r.First - FirstId })];
}
