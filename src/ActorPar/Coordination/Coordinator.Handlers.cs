using ActorPar.Chunks;
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

    /// <summary>A worker asked for work: chunks it says it never got, or no longer holds, were lost.</summary>
    private void Requested(RequestWork request, ActiveJob? job)
    {
        if (Enlist(Sender, job) is not { } worker) return;
        foreach (var lost in worker.Request(request, _settings.LostAfter)) Lost(worker, lost, job);
    }

    /// <summary>
    /// A worker reported a chunk. Its outcomes are recorded even when the worker has gone
    /// since (its Terminated can overtake its last message): the ledger keeps the first outcome
    /// of each element.
    /// </summary>
    /// <param name="stopping">Stop was broadcast: credit given back is not taken, and an unknown worker is not enlisted.</param>
    private void Reported(ChunkDone done, ActiveJob? job, bool stopping)
    {
        var worker = stopping ? _roster.Find(Sender) : Enlist(Sender, job);
        if (worker is not null)
        {
            if (!stopping) worker.Demand += done.RequestMore;
            foreach (var lost in worker.Reported(done.Number)) Lost(worker, lost, job);
        }
        if (job is null) return;
        var info = worker?.Info ?? _roster.Departed(Sender) ?? WorkerInfo.None;
        var resolved = new List<ResultRun>();
        job.Ledger.Record(done, info, resolved, job.Retries);
        if (done.Done == PositionRuns.Count(done.Runs)) job.Sizer.Observe(done.ElapsedMs, done.Done);
        job.Publish(resolved);
    }

    /// <summary>A worker handed a chunk back unstarted: it is lent again first. The worker is stopping, or restarting, so it asks again if it wants more.</summary>
    private void Returned(ChunkReturned returned, ActiveJob? job)
    {
        if (_roster.Find(Sender) is { } worker)
        {
            worker.Returned(returned.Number);
            worker.Demand = 0;
        }
        job?.Ledger.Returned(returned.Number);
    }

    /// <summary>A worker terminated, or its node left: its chunks go back to the front of the queue, split.</summary>
    private void Departed(IActorRef actor, string why, ActiveJob? job)
    {
        if (_roster.Remove(actor) is not { } worker) return;
        PutBack(worker, why, job);
        if (job is not null && Dispatch(job)) WatchForNoWorkers(job);
    }

    /// <summary>Takes back every chunk <paramref name="worker"/> holds; returns how many tasks they held.</summary>
    private int PutBack(RosterEntry worker, string why, ActiveJob? job)
    {
        var chunks = worker.TakeBack();
        if (chunks.Length == 0) return 0;
        var tasks = chunks.Sum(c => c.Size);
        if (job is not null)
        {
            var resolved = new List<ResultRun>();
            foreach (var (number, _) in chunks) job.Ledger.TakeBackChunk(number, TakeBack.Departed, "", resolved, job.Retries);
            job.Publish(resolved);
        }
        _log.Warning("worker {0} {1}: {2} task(s) of {3} chunk(s) put back in the queue", worker.Info.Id, why, tasks, chunks.Length);
        return tasks;
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
}
