using Akka.Actor;
using Akka.Event;

namespace ActorPar.Coordination;

// What the coordinator's behaviours (Coordinator.cs) do with each message. A null job means
// none is running: outcomes and requests are still taken in, so that the roster stays right.
public sealed partial class Coordinator
{
    #region Workers

    /// <summary>Takes in the router's workers; a new one is watched, welcomed, and told when there is work.</summary>
    private void Enlist(RouteesSeen seen, ActiveJob? job)
    {
        if (_readyAt != default && seen.Workers.Count != _routeeCount)
            _log.Info("the router has {0} worker(s), had {1}", seen.Workers.Count, _routeeCount);
        _routeeCount = seen.Workers.Count;
        foreach (var actor in seen.Workers) Enlist(actor, job);
    }

    private RosterEntry? Enlist(IActorRef actor, ActiveJob? job)
    {
        var worker = _roster.Enlist(actor, out var added);
        if (worker is null || !added) return worker;
        Context.Watch(actor);
        actor.Tell(new Welcome(worker.Info.Id, _settings.Credit));
        if (job is not null) actor.Tell(WorkAvailable.Instance);
        _log.Debug("worker {0} is {1}", worker.Info.Id, actor.Path);
        return worker;
    }

    /// <summary>A worker asked for work: batches it says it never got, or no longer holds, were lost.</summary>
    private void Requested(RequestWork request, ActiveJob? job)
    {
        if (Enlist(Sender, job) is not { } worker) return;
        foreach (var lost in worker.Request(request, _settings.LostAfter)) Lost(worker, lost, job);
    }

    /// <summary>
    /// A worker reported a batch. Its outcomes are recorded even when the worker has gone
    /// since (its Terminated can overtake its last message): the ledger keeps the first outcome.
    /// </summary>
    /// <param name="stopping">Stop was broadcast: credit given back is not taken, and an unknown worker is not enlisted.</param>
    private void Reported(BatchDone done, ActiveJob? job, bool stopping)
    {
        var worker = stopping ? _roster.Find(Sender) : Enlist(Sender, job);
        if (worker is not null)
        {
            if (!stopping) worker.Demand += done.RequestMore;
            foreach (var lost in worker.Reported(done.Number)) Lost(worker, lost, job);
        }
        if (job is null) return;
        var info = worker?.Info ?? _roster.Departed(Sender) ?? WorkerInfo.None;
        var results = new List<TaskResult>(done.Outcomes.Count);
        foreach (var outcome in done.Outcomes)
        {
            worker?.InFlight.Remove(outcome.Id);
            var verdict = job.Ledger.Record(outcome, info, out var result);
            if (verdict == OutcomeVerdict.Retry)
                _log.Warning("task {0} failed on worker {1}: {2}; trying it again (at most {3} attempts)",
                    outcome.Id - job.Ledger.FirstId, info.Id, outcome.Error, _settings.MaxAttempts);
            if (verdict == OutcomeVerdict.Completed) job.Stats.Completed(info);
            if (result is not null) results.Add(result);
        }
        job.Sizer.Observe(done.ElapsedMs, done.Outcomes.Count);
        if (results.Count > 0) job.Stats.ResultsIn();
        job.Publish(results);
    }

    private void Returned(TasksReturned returned, ActiveJob? job)
    {
        if (_roster.Find(Sender) is { } worker)
        {
            worker.Heard();
            worker.Demand = 0;
            foreach (var id in returned.TaskIds) worker.InFlight.Remove(id);
        }
        job?.Ledger.PutBack(returned.TaskIds);
    }

    /// <summary>A worker terminated, or its node left: its tasks go back to the front of the queue.</summary>
    private void Departed(IActorRef actor, string why, ActiveJob? job)
    {
        if (_roster.Remove(actor) is not { } worker) return;
        PutBack(worker, why, job);
        if (job is not null && Dispatch(job)) WatchForNoWorkers(job);
    }

    private int PutBack(RosterEntry worker, string why, ActiveJob? job)
    {
        var ids = worker.TakeBack();
        if (ids.Length == 0) return 0;
        job?.Ledger.PutBack(ids);
        _log.Warning("worker {0} {1}: {2} task(s) put back in the queue", worker.Info.Id, why, ids.Length);
        return ids.Length;
    }

    /// <summary>
    /// A worker node came Up, or became unreachable (presumed dead), or left. The tasks of an
    /// unreachable node go back at once; its workers stay known, so that if it comes back its
    /// late results are still recognized (and counted once). A removed node's are forgotten.
    /// </summary>
    private void NodeChanged(NodeEvent e, ActiveJob? job)
    {
        switch (e.Change)
        {
            case NodeChange.Up:
                if (job is not null && e.HostsWorkers && !e.AlreadyUp && job.Stats.NodeUp(e.Node.ToString(), DateTimeOffset.UtcNow))
                    _log.Info("worker node {0} is Up during the job", e.Node.HostPort());
                return;
            case NodeChange.Reachable:
                _roster.Reachable(e.Node);
                _log.Info("node {0} is reachable again", e.Node.HostPort());
                return;
            case NodeChange.Downed:
                if (e.HostsWorkers) _log.Info("worker node {0} downed", e.Node.HostPort());
                return;
            case NodeChange.Unreachable:
                _roster.Unreachable(e.Node);
                break;
        }

        var why = e.Change == NodeChange.Removed ? "removed" : "unreachable";
        var workers = _roster.OnNode(e.Node);
        var takenBack = workers.Sum(worker => PutBack(worker, $"node {why}", job));
        if (e.Change == NodeChange.Removed)
        {
            foreach (var worker in workers) _roster.Remove(worker.Actor);
            _roster.Removed(e.Node);
        }
        if (e.HostsWorkers)
        {
            _log.Info("worker node {0} {1} (status {2}): {3} task(s) of {4} worker(s) taken back", e.Node.HostPort(), why, e.Status, takenBack, workers.Count);
            job?.Stats.NodeLost(new NodeLoss(e.Node.ToString(), why, DateTimeOffset.UtcNow, takenBack));
        }
        if (job is not null && Dispatch(job)) WatchForNoWorkers(job);
    }

    #endregion

    #region Lending tasks

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

    /// <summary>Each worker that asked gets as many batches as it has room for, while tasks last.</summary>
    private void Pull(ActiveJob job)
    {
        foreach (var worker in Eligible(job))
            while (worker.Demand > 0)
            {
                var batch = TakeBatch(job, job.Sizer.Next(job.Remaining, _roster.Count));
                if (batch.Count == 0) return;
                Lend(job, worker, batch);
                worker.Demand--;
            }
    }

    /// <summary>The literal reading of "send tasks through a router": every task goes out at once, round-robin.</summary>
    private void Push(ActiveJob job)
    {
        var workers = Eligible(job).ToArray();
        if (workers.Length == 0) return;
        while (TakeBatch(job, 1) is [var task]) Lend(job, workers[_pushCursor++ % workers.Length], [task]);
    }

    private IEnumerable<RosterEntry> Eligible(ActiveJob job) =>
        job.Submit.MaxWorkers is { } most ? _roster.All.Take(most) : _roster.All;

    /// <summary>
    /// Up to <paramref name="size"/> tasks. An input that no serializer can carry would be
    /// dropped on the way, so its task fails here, with the reason, instead of being lent.
    /// </summary>
    private List<TaskItem> TakeBatch(ActiveJob job, int size)
    {
        var batch = new List<TaskItem>(Math.Min(size, 1024));
        while (batch.Count < size && job.Ledger.Take() is { } task)
        {
            if (task.Input is { } input && _wire.Problem(input.GetType()) is { } problem)
            {
                job.Ledger.Record(new TaskOutcome(task.Id, null, $"its input of type {input.GetType().FullName} cannot be sent to a worker: {problem}"),
                    WorkerInfo.None, out var result, retry: false);
                if (result is not null) job.Publish([result]);
            }
            else batch.Add(task);
        }
        return batch;
    }

    private void Lend(ActiveJob job, RosterEntry worker, List<TaskItem> tasks)
    {
        worker.Actor.Tell(new Batch(tasks, worker.Lend(tasks)));
        if (job.Stats.Dispatched(worker.Info.Node) is { UpToFirstWork: { } wait })
            _log.Info("worker node {0} got its first task {1:0} ms after it was Up", worker.Actor.Path.Address.HostPort(), wait.TotalMilliseconds);
    }

    /// <summary>
    /// A lost batch counts as a failed attempt for each of its tasks, and later batches are
    /// smaller: a batch too big for a frame, or a task whose input or result cannot travel,
    /// then ends as a failed task instead of being lost again and again.
    /// </summary>
    private void Lost(RosterEntry worker, LostBatch batch, ActiveJob? job)
    {
        if (job is null) return;
        _log.Warning("batch {0} lent to worker {1} was lost in transit ({2}): its {3} task(s) will be tried again", batch.Number, worker.Info.Id, batch.Why, batch.Ids.Length);
        job.Sizer.Shrink(batch.Ids.Length);
        var failed = new List<TaskResult>();
        foreach (var id in batch.Ids)
        {
            var error = $"lost in transit {_settings.MaxAttempts} times; is it bigger than akka.remote.dot-netty.tcp.maximum-frame-size?";
            if (job.Ledger.Record(new TaskOutcome(id, null, error), worker.Info, out var result) == OutcomeVerdict.FailedForGood)
                failed.Add(result!);
        }
        job.Publish(failed);
    }

    #endregion

    #region Faults

    /// <summary>
    /// A worker holding tasks that has said nothing for the task timeout is hung: its current
    /// task counts a failed attempt, the rest go back, and it is restarted (a hung task cannot
    /// be stopped any other way).
    /// </summary>
    private void CheckProgress(ActiveJob job)
    {
        if (_settings.TaskTimeout is not { } timeout) return;
        foreach (var worker in _roster.SilentLongerThan(timeout))
        {
            var silence = worker.Silence;
            var held = worker.TakeBack();
            job.Ledger.PutBack(held.Skip(1));
            job.Ledger.Record(new TaskOutcome(held[0], null, $"timed out after {timeout.TotalSeconds:0.###}s"), worker.Info, out var result);
            if (result is not null) job.Publish([result]);
            _log.Warning("worker {0} has been silent for {1:0.###}s on task {2}: restarting it", worker.Info.Id, silence.TotalSeconds, held[0]);
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
}
