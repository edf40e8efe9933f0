using ActorPar.Chunks;
using Akka.Actor;
using Akka.Routing;

namespace ActorPar.Coordination;

// How the coordinator moves between its behaviours (Coordinator.cs): ready, a job started and
// finished, stopping and stopped, and jobs that never ran.
public sealed partial class Coordinator
{
    #region Moving between behaviours

    private void BecomeReady()
    {
        _readyAt = DateTimeOffset.UtcNow;
        Timers.Cancel(Tick.ReadyTimedOut);
        foreach (var waiter in _readyWaiters) waiter.Tell(new CoordinatorReady(_roster.Count, _readyAt));
        _readyWaiters.Clear();
        StartNextOrIdle();
    }

    private void GiveUpWaiting()
    {
        var reason = $"only {_roster.Count} of {_settings.WorkersToStart} workers were deployed within {_settings.ReadyTimeout.TotalSeconds:0.#}s: " +
                     "start more worker nodes or raise actorpar.coordinator.workers-per-node";
        foreach (var waiter in _readyWaiters) waiter.Tell(new CoordinatorNotReady(reason));
        _readyWaiters.Clear();
        Become(() => NotReady(reason));
    }

    private void StartNextOrIdle()
    {
        if (_queued.TryDequeue(out var next)) Start(next);
        else Become(Idle);
    }

    private void Start(SubmitJob submit)
    {
        var job = NewJob(submit);
        job.Stats.HostingWorkersAtStart(_roster.Nodes.Select(node => node.ToString()));
        if (_settings.TaskTimeout is { } timeout)
            Timers.StartPeriodicTimer(Tick.CheckProgress, Tick.CheckProgress, timeout / 4, timeout / 4);
        Timers.StartPeriodicTimer(Tick.RetrySummary, Tick.RetrySummary, _settings.RetrySummaryEvery);
        Become(() => Running(job));
        _router.Tell(new Broadcast(WorkAvailable.Instance));
        Dispatch(job);
    }

    private ActiveJob NewJob(SubmitJob submit)
    {
        var self = Self;
        var reader = submit.Inputs.Open(() => self.Tell(InputsReady.Instance));
        var sizer = new ChunkSizer(_settings.ChunkTarget, _settings.MaxChunkSize, submit.ChunkSize ?? _settings.ChunkSize);
        return new ActiveJob(submit, new ChunkLedger(_nextTaskId, reader, submit.Inputs.Count, _settings.MaxAttempts), sizer);
    }

    private void Finish(ActiveJob job, bool interrupted, bool cancelled = false)
    {
        LogRetries(job);
        job.Complete(interrupted, cancelled);
        _nextTaskId = job.NextFreeId;
        Timers.Cancel(Tick.CheckProgress);
        Timers.Cancel(Tick.NoWorkersTimedOut);
        Timers.Cancel(Tick.RetrySummary);
        StartNextOrIdle();
    }

    private void BecomeStopping(ActiveJob? job)
    {
        var requesters = new List<IActorRef> { Sender };
        Timers.CancelAll();
        _router.Tell(new Broadcast(Stop.Instance));
        if (_roster.Count == 0) FinishStop(job, requesters, DateTimeOffset.UtcNow, stopped: 0, timedOut: false);
        else
        {
            Timers.StartSingleTimer(Tick.StopTimedOut, Tick.StopTimedOut, _settings.StopTimeout);
            var started = DateTimeOffset.UtcNow;
            Become(() => Stopping(job, requesters, started));
        }
    }

    private void FinishStop(ActiveJob? job, List<IActorRef> requesters, DateTimeOffset started, int stopped, bool timedOut)
    {
        var result = new WorkersStopped(DateTimeOffset.UtcNow - started, stopped, timedOut);
        Timers.CancelAll();
        Context.Stop(_router);
        if (job is not null) LogRetries(job);
        job?.Complete(interrupted: !job.Ledger.IsDone());
        while (_queued.TryDequeue(out var waiting)) EndUnrun(waiting);
        foreach (var requester in requesters) requester.Tell(result);
        Become(() => Stopped(result));
    }

    /// <summary>A job that will never run: it ends at once, interrupted, with every input unfinished.</summary>
    private void EndUnrun(SubmitJob submit) => EndUnrun(submit, cancelled: false);

    private void EndUnrun(SubmitJob submit, bool cancelled)
    {
        var job = NewJob(submit);
        if (cancelled) job.Ledger.Cancel();
        job.Complete(interrupted: true, cancelled);
    }

    /// <summary>A job cancelled before it started: it leaves the queue and ends at once, with nothing read.</summary>
    private void CancelQueued(CancelJob cancel)
    {
        var waiting = _queued.ToList();
        if (waiting.FirstOrDefault(j => j.Listener.Equals(cancel.Listener)) is not { } cancelled) return;
        _queued.Clear();
        foreach (var job in waiting.Where(j => j != cancelled)) _queued.Enqueue(job);
        EndUnrun(cancelled, cancelled: true);
    }

    #endregion
}
