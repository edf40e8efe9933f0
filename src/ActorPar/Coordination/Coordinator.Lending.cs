using ActorPar.Chunks;
using Akka.Actor;
using Akka.Event;

namespace ActorPar.Coordination;

// How the coordinator lends chunks, takes them back when something goes wrong, and cancels a job.
public sealed partial class Coordinator
{
    #region Lending chunks

    /// <summary>Lends what it can; returns false when that finished the job.</summary>
    private bool Dispatch(ActiveJob job)
    {
        if (_settings.Dispatch == DispatchMode.Push) Push(job);
        else Pull(job);
        job.PublishRejected();
        if (!job.Ledger.IsDone()) return true;
        Finish(job, interrupted: false);
        return false;
    }

    /// <summary>Each worker that asked gets as many chunks as it has room for, while inputs last.</summary>
    private void Pull(ActiveJob job)
    {
        var eligible = Eligible(job).ToList();
        foreach (var worker in eligible)
            while (worker.Demand > 0)
            {
                if (TakeChunk(job, job.Sizer.Next(job.Ledger.Unlent, eligible.Count)) is not { } chunk) return;
                Lend(job, worker, chunk);
                worker.Demand--;
            }
    }

    /// <summary>The literal reading of "send tasks through a router": every task goes out at once, one per message, round-robin.</summary>
    private void Push(ActiveJob job)
    {
        var workers = Eligible(job).ToArray();
        if (workers.Length == 0) return;
        while (TakeChunk(job, 1) is { } chunk) Lend(job, workers[_pushCursor++ % workers.Length], chunk);
    }

    private IEnumerable<RosterEntry> Eligible(ActiveJob job) =>
        job.Submit.MaxWorkers is { } most ? _roster.All.Take(most) : _roster.All;

    /// <summary>
    /// The next chunk of up to <paramref name="size"/> elements. An input that no serializer can
    /// carry would make the whole chunk vanish on the way, so its task fails here, with the
    /// reason, instead of being lent; the rest of its chunk is lent.
    /// </summary>
    private Chunk? TakeChunk(ActiveJob job, int size)
    {
        while (job.Ledger.Take(size, _nextChunk++) is { } chunk)
        {
            if (Unsendable(chunk.Inputs) is not { Count: > 0 } refused) return chunk;
            var resolved = new List<ResultRun>();
            job.Ledger.Refuse(chunk.Number, refused, resolved);
            job.Publish(resolved);
        }
        return null;
    }

    /// <summary>The elements whose input cannot travel, with why: all of a typed array whose type cannot, or those of an array of objects whose own type cannot.</summary>
    private List<ElementFailure>? Unsendable(ChunkItems inputs)
    {
        if (inputs is not ArrayItems { Values: var values }) return null;
        string Problem(Type type, string problem) => $"its input of type {type.FullName} cannot be sent to a worker: {problem}";
        var type = values.GetType().GetElementType()!;
        if (type != typeof(object) && !type.IsInterface && !type.IsAbstract)
            return _wire.Problem(type) is { } problem ? [.. Enumerable.Range(0, values.Length).Select(i => new ElementFailure(i, Problem(type, problem)))] : null;
        List<ElementFailure>? refused = null;
        for (var i = 0; i < values.Length; i++)
            if (values.GetValue(i)?.GetType() is { } own && _wire.Problem(own) is { } problem)
                (refused ??= []).Add(new ElementFailure(i, Problem(own, problem)));
        return refused;
    }

    private void Lend(ActiveJob job, RosterEntry worker, Chunk chunk)
    {
        worker.Actor.Tell(chunk);
        worker.Lend(chunk.Number, chunk.Count);
        job.Sizer.Sizes.Lent(chunk.Count);
        if (job.Stats.Dispatched(worker.Info.Node) is { UpToFirstWork: { } wait })
            _log.Info("worker node {0} got its first task {1:0} ms after it was Up", worker.Actor.Path.Address.HostPort(), wait.TotalMilliseconds);
    }

    #endregion

    #region Faults

    /// <summary>
    /// A lost chunk is split and lent again, and later chunks are smaller: a chunk too big for a
    /// frame then ends as chunks that fit, and a lone element whose input or result cannot travel
    /// fails for good after max-attempts tries instead of being lost again and again.
    /// </summary>
    private void Lost(RosterEntry worker, LostChunk lost, ActiveJob? job)
    {
        if (job is null) return;
        _log.Warning("chunk {0} lent to worker {1} was lost in transit ({2}): its {3} task(s) will be tried again", lost.Number, worker.Info.Id, lost.Why, lost.Size);
        job.Sizer.Shrink(lost.Size);
        var resolved = new List<ResultRun>();
        job.Ledger.TakeBackChunk(lost.Number, TakeBack.Lost,
            $"lost in transit {_settings.MaxAttempts} times; is it bigger than akka.remote.dot-netty.tcp.maximum-frame-size?", resolved, job.Retries);
        job.Publish(resolved);
    }

    /// <summary>
    /// A worker holding chunks that has said nothing for the task timeout is hung: the chunk it
    /// was on is split and lent again (alone, its element counts a failed attempt; else the
    /// element it hung on does, when the restarted worker says which), the others go back whole,
    /// and it is restarted (a hung task cannot be stopped any other way).
    /// </summary>
    private void CheckProgress(ActiveJob job)
    {
        if (_settings.TaskTimeout is not { } timeout) return;
        foreach (var worker in _roster.SilentLongerThan(timeout))
        {
            var silence = worker.Silence;
            var chunks = worker.TakeBack();
            var tasks = job.Ledger.Positions(chunks[0].Number);
            var resolved = new List<ResultRun>();
            job.Ledger.TakeBackChunk(chunks[0].Number, TakeBack.Hung, $"timed out after {timeout.TotalSeconds:0.###}s", resolved, job.Retries);
            foreach (var (number, _) in chunks.Skip(1)) job.Ledger.TakeBackChunk(number, TakeBack.NotStarted, "", resolved, job.Retries);
            job.Publish(resolved);
            _log.Warning("worker {0} has been silent for {1:0.###}s on task {2}: restarting it", worker.Info.Id, silence.TotalSeconds, PositionRuns.Show(tasks));
            worker.Heard();
            worker.Actor.Tell(Kill.Instance);
        }
        Dispatch(job);
    }

    /// <summary>Every worker is gone or unreachable mid-job: wait the ready timeout for one to come, then give the job up.</summary>
    private void WatchForNoWorkers(ActiveJob job)
    {
        if (_roster.Count > 0 && !_roster.NoneReachable) return;
        if (!Timers.IsTimerActive(Tick.NoWorkersTimedOut))
            Timers.StartSingleTimer(Tick.NoWorkersTimedOut, Tick.NoWorkersTimedOut, _settings.ReadyTimeout);
    }

    private void GiveUpJob(ActiveJob job)
    {
        if (_roster.Count > 0 && !_roster.NoneReachable) return;
        _log.Error("no worker has been reachable for {0:0.#}s: giving the job up; start worker nodes to run it", _settings.ReadyTimeout.TotalSeconds);
        Finish(job, interrupted: true);
    }

    #endregion

    #region Cancelling and logging

    /// <summary>
    /// The host cancelled the running job: nothing more of it is read or lent, every worker that
    /// holds one of its chunks is told to drop them, and it ends now, interrupted. What its
    /// workers still report comes in while the next job runs, which ignores it (the ids are not its own).
    /// </summary>
    private void Cancel(ActiveJob job)
    {
        job.Ledger.Cancel();
        var drop = new DropWork(_nextChunk - 1);
        foreach (var worker in _roster.All.Where(w => w.Holding > 0)) worker.Actor.Tell(drop);
        _log.Info("job {0} cancelled: {1:N0} of {2:N0} task(s) read were done; its workers drop the rest", job.Submit.Name,
            job.Ledger.Completed + job.Ledger.Failed, job.Ledger.Submitted);
        Finish(job, interrupted: true, cancelled: true);
    }

    /// <summary>One line for the retries since the last one, if any.</summary>
    private void LogRetries(ActiveJob job)
    {
        if (job.Retries.Flush(_settings.MaxAttempts) is { } line) _log.Warning(line);
    }

    #endregion
}
