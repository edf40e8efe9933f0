namespace ActorPar.Coordination;

/// <summary>
/// Elements that failed and will be tried again, summed up for the log: the coordinator writes
/// one line about once a second (how many, and the latest error) instead of one per attempt,
/// which a job where thousands of elements throw would turn into thousands of lines.
/// </summary>
internal sealed class RetrySummary
{
    private long _count;
    private (long Position, int Worker, string Error) _latest;
    private long _since = Environment.TickCount64;

    /// <summary>Element <paramref name="position"/> failed on <paramref name="worker"/> and will be tried again.</summary>
    public void Add(long position, WorkerInfo worker, string error)
    {
        _count++;
        _latest = (position, worker.Id, error);
    }

    /// <summary>The line for the retries since the last one, or null when there were none; starts counting again.</summary>
    public string? Flush(int maxAttempts)
    {
        if (_count == 0)
        {
            _since = Environment.TickCount64;
            return null;
        }
        var seconds = (Environment.TickCount64 - _since) / 1000.0;
        var (position, worker, error) = _latest;
        var line = $"{_count:N0} task(s) failed and will be tried again (at most {maxAttempts} attempts each) in the last {seconds:0.0}s; " +
                   $"latest: task {position}{(worker >= 0 ? $" on worker {worker}" : "")}: {error}";
        _count = 0;
        _since = Environment.TickCount64;
        return line;
    }
}
