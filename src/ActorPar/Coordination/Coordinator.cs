using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Routing;

namespace ActorPar.Coordination;

/// <summary>
/// Owns the task queue (the Python <c>Queue</c>) and the router that deploys the workers.
/// It sends nothing until the router reports its workers, then lends tasks only to workers
/// that asked for them, tracks every task until its outcome arrives, and records each
/// outcome once. A worker that dies, or whose node becomes unreachable, has its tasks put
/// back at the front of the queue. On <see cref="StopWorkers"/> it broadcasts
/// <see cref="Stop"/> (the Python <c>Event</c>), waits for every worker to stop, and then
/// stops the router, which would otherwise redeploy workers on the next member event.
/// </summary>
public sealed class Coordinator : ReceiveActor, IWithTimers
{
    private readonly CoordinatorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _router;
    private readonly Dictionary<IActorRef, WorkerState> _workers = new();
    private readonly Queue<SubmitJob> _waitingJobs = new();
    private readonly List<IActorRef> _readyWaiters = [];
    private readonly Dictionary<Type, string?> _unsendable = new();
    private ActiveJob? _job;
    private long _nextTaskId;
    private int _nextWorkerId;
    private int _pushCursor;
    private int _routeeCount;
    private DateTimeOffset? _readyAt;
    private string? _notReady;
    private bool _polling;
    private IActorRef? _stopRequester;
    private DateTimeOffset _stopStarted;

    public Coordinator(CoordinatorSettings settings, Props workerRouter)
    {
        _settings = settings;
        _router = Context.ActorOf(workerRouter, "workers");

        Receive<RouteesSeen>(HandleRoutees);
        Receive<PollRoutees>(_ => PollRouter());
        Receive<ReadyTimedOut>(_ => HandleReadyTimedOut());
        Receive<NotifyWhenReady>(_ => HandleNotifyWhenReady());
        Receive<SubmitJob>(HandleSubmitJob);
        Receive<RequestWork>(HandleRequestWork);
        Receive<WorkDone>(HandleWorkDone);
        Receive<WorkReturned>(HandleWorkReturned);
        Receive<Terminated>(HandleTerminated);
        Receive<ClusterEvent.UnreachableMember>(m => TakeBackFromNode(m.Member, "unreachable"));
        Receive<ClusterEvent.MemberRemoved>(m => TakeBackFromNode(m.Member, "removed"));
        Receive<ClusterEvent.ReachableMember>(m => _log.Info("node {0} is reachable again", m.Member.Address.HostPort()));
        Receive<ClusterEvent.MemberDowned>(m => _log.Info("worker node {0} downed", m.Member.Address.HostPort()));
        Receive<ClusterEvent.MemberUp>(HandleMemberUp);
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
        Receive<CheckProgress>(_ => HandleCheckProgress());
        Receive<StopWorkers>(_ => HandleStopWorkers());
        Receive<StopTimedOut>(_ => FinishStop(timedOut: true));
        Receive<NoWorkersTimedOut>(_ => HandleNoWorkersTimedOut());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The coordinator always lives on the node that runs it: its settings and router never cross the network.</summary>
    public static Props Props(CoordinatorSettings settings, Props workerRouter) =>
        Akka.Actor.Props.Create(() => new Coordinator(settings, workerRouter)).WithDeploy(Deploy.Local);

    private bool Stopping => _stopRequester is not null;

    protected override void PreStart()
    {
        if (Context.System.HasExtension<Cluster>() || Context.System.Settings.ProviderClass.Contains("Cluster"))
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.MemberRemoved), typeof(ClusterEvent.MemberUp),
                typeof(ClusterEvent.MemberDowned));
        Timers.StartPeriodicTimer(nameof(PollRoutees), PollRoutees.Instance, TimeSpan.Zero, _settings.RouteePollInterval);
        Timers.StartSingleTimer(nameof(ReadyTimedOut), ReadyTimedOut.Instance, _settings.ReadyTimeout);
        if (_settings.TaskTimeout is { } timeout)
            Timers.StartPeriodicTimer(nameof(CheckProgress), CheckProgress.Instance, timeout / 4, timeout / 4);
    }

    protected override void PostStop()
    {
        if (Context.System.Settings.ProviderClass.Contains("Cluster")) Cluster.Get(Context.System).Unsubscribe(Self);
    }

    // ---- workers appear -------------------------------------------------------------

    /// <summary>Asks the router for its routees; a cluster pool fills up from gossip, so this is how new workers are found.</summary>
    private void PollRouter()
    {
        if (_polling) return;
        _polling = true;
        _router.Ask<Routees>(GetRoutees.Instance, _settings.RouteePollInterval * 4)
            .PipeTo(Self, success: routees => new RouteesSeen(routees.Members.ToArray()), failure: _ => new RouteesSeen([], Answered: false));
    }

    private void HandleRoutees(RouteesSeen seen)
    {
        _polling = false;
        if (!seen.Answered) return;
        if (_readyAt is not null && !Stopping && seen.Routees.Count != _routeeCount)
            _log.Info("the router has {0} worker(s), had {1}", seen.Routees.Count, _routeeCount);
        _routeeCount = seen.Routees.Count;
        foreach (var routee in seen.Routees.OfType<ActorRefRoutee>()) Register(routee.Actor);
        if (_readyAt is null && _notReady is null && seen.Routees.Count >= _settings.WorkersToStart) BecomeReady();
    }

    private WorkerState Register(IActorRef actor)
    {
        if (_workers.TryGetValue(actor, out var known)) return known;
        var info = new WorkerInfo(_nextWorkerId++, actor.Path.ToString(), actor.Path.Address.ToString());
        var worker = new WorkerState(actor, info);
        _workers.Add(actor, worker);
        Context.Watch(actor);
        actor.Tell(new Welcome(info.Id, _settings.Credit));
        if (_job is not null && !Stopping) actor.Tell(WorkAvailable.Instance);
        _log.Debug("worker {0} is {1}", info.Id, actor.Path);
        return worker;
    }

    private void BecomeReady()
    {
        _readyAt = DateTimeOffset.UtcNow;
        Timers.Cancel(nameof(ReadyTimedOut));
        foreach (var waiter in _readyWaiters) waiter.Tell(new CoordinatorReady(_workers.Count, _readyAt.Value));
        _readyWaiters.Clear();
        StartNextJob();
    }

    private void HandleReadyTimedOut()
    {
        PollRouter();
        _notReady = $"only {_workers.Count} of {_settings.WorkersToStart} workers were deployed within {_settings.ReadyTimeout.TotalSeconds:0.#}s: " +
                    "start more worker nodes or raise actorpar.coordinator.workers-per-node";
        foreach (var waiter in _readyWaiters) waiter.Tell(new CoordinatorNotReady(_notReady));
        _readyWaiters.Clear();
    }

    private void HandleNotifyWhenReady()
    {
        if (_readyAt is { } at) Sender.Tell(new CoordinatorReady(_workers.Count, at));
        else if (_notReady is not null) Sender.Tell(new CoordinatorNotReady(_notReady));
        else _readyWaiters.Add(Sender);
    }

    // ---- jobs -----------------------------------------------------------------------

    private void HandleSubmitJob(SubmitJob job)
    {
        _waitingJobs.Enqueue(job);
        if (_job is null && _readyAt is not null) StartNextJob();
    }

    private void StartNextJob()
    {
        if (_job is not null || Stopping || !_waitingJobs.TryDequeue(out var submit)) return;
        _job = new ActiveJob(submit, new TaskLedger(_nextTaskId, submit.Inputs, _settings.MaxAttempts),
            new BatchSizer(_settings.BatchTarget, _settings.MaxBatchSize));
        _router.Tell(new Broadcast(WorkAvailable.Instance));
        Dispatch();
    }

    private void FinishJobIfDone()
    {
        if (_job is not { } job || !job.Ledger.IsDone()) return;
        job.Submit.Listener.Tell(new JobCompleted(job.Summary(interrupted: false)));
        _nextTaskId = job.Ledger.FirstId + job.Ledger.Submitted;
        _job = null;
        StartNextJob();
    }

    // ---- lending tasks ----------------------------------------------------------------

    /// <summary>
    /// A worker says how much room it has and what it has seen. Batches it received but no
    /// longer holds, and batches it never received that were sent long ago, were lost in
    /// transit: their tasks go back. Its demand is its room less what is still on its way.
    /// </summary>
    private void HandleRequestWork(RequestWork request)
    {
        var worker = Register(Sender);
        worker.Heard();
        var received = worker.Open.Where(b => b.Number <= request.LastBatch).ToList();
        foreach (var batch in received.Take(received.Count - request.Holding)) Lost(worker, batch, "its outcome never arrived");
        var onTheirWay = 0;
        foreach (var batch in worker.Open.Where(b => b.Number > request.LastBatch).ToList())
        {
            if (batch.Age > _settings.LostAfter) Lost(worker, batch, "it never arrived");
            else onTheirWay++;
        }
        worker.Demand = Math.Max(0, request.Credit - onTheirWay);
        Dispatch();
    }

    /// <summary>
    /// A lost batch counts as a failed attempt for each of its tasks, and later batches are
    /// smaller: a batch too big for a frame, or a task whose input or result cannot travel,
    /// then ends as a failed task instead of being lost again and again.
    /// </summary>
    private void Lost(WorkerState worker, LentBatch batch, string why)
    {
        worker.Open.Remove(batch);
        var ids = batch.Ids.Where(worker.InFlight.Remove).ToArray();
        if (ids.Length == 0 || _job is not { } job) return;
        _log.Warning("batch {0} lent to worker {1} was lost in transit ({2}): its {3} task(s) will be tried again", batch.Number, worker.Info.Id, why, ids.Length);
        job.Sizer.Shrink(ids.Length);
        var failed = new List<TaskResult>();
        foreach (var id in ids)
        {
            var error = $"lost in transit {_settings.MaxAttempts} times; is it bigger than akka.remote.dot-netty.tcp.maximum-frame-size?";
            if (job.Ledger.Record(new TaskOutcome(id, null, error), worker.Info, out var result) == OutcomeVerdict.FailedForGood)
                failed.Add(result!);
        }
        if (failed.Count > 0) job.Submit.Listener.Tell(new ResultsReady(job.Submit.Name, failed));
    }

    private void Dispatch()
    {
        if (_job is not { } job || Stopping) return;
        if (_settings.Dispatch == DispatchMode.Push)
        {
            Push(job);
        }
        else
        {
            foreach (var worker in Eligible(job))
            {
                while (worker.Demand > 0)
                {
                    var batch = TakeBatch(job, job.Sizer.Next(job.Remaining, _workers.Count));
                    if (batch.Count == 0) goto drained;
                    Lend(job, worker, batch);
                    worker.Demand--;
                }
            }
        }
        drained:
        PublishRejected(job);
        FinishJobIfDone();
    }

    private IEnumerable<WorkerState> Eligible(ActiveJob job) =>
        job.Submit.MaxWorkers is { } most ? _workers.Values.Take(most) : _workers.Values;

    /// <summary>The literal reading of "send tasks through a router": every task goes out at once, round-robin.</summary>
    private void Push(ActiveJob job)
    {
        var workers = Eligible(job).ToArray();
        if (workers.Length == 0) return;
        while (job.Ledger.Take() is { } task)
        {
            if (Unsendable(task.Input) is { } problem) Reject(job, task.Id, problem);
            else Lend(job, workers[_pushCursor++ % workers.Length], [task]);
        }
    }

    private List<TaskItem> TakeBatch(ActiveJob job, int size)
    {
        var batch = new List<TaskItem>(Math.Min(size, 1024));
        while (batch.Count < size && job.Ledger.Take() is { } task)
        {
            if (Unsendable(task.Input) is { } problem) Reject(job, task.Id, problem);
            else batch.Add(task);
        }
        return batch;
    }

    /// <summary>
    /// Why an input cannot travel to a worker, or null. A message that no serializer can
    /// carry would be dropped on the way, so such a task fails here, with the reason.
    /// </summary>
    private string? Unsendable(object? input)
    {
        if (input is null or int or long or double or string or bool or byte[]) return null;
        var type = input.GetType();
        if (_unsendable.TryGetValue(type, out var problem)) return problem;
        try
        {
            Context.System.Serialization.FindSerializerForType(type);
        }
        catch (Exception e)
        {
            problem = $"its input of type {type.FullName} cannot be sent to a worker: {e.Message}";
        }
        return _unsendable[type] = problem;
    }

    private void Reject(ActiveJob job, long id, string problem)
    {
        job.Ledger.Record(new TaskOutcome(id, null, problem), WorkerInfo.None, out var result, retry: false);
        if (result is not null) job.Submit.Listener.Tell(new ResultsReady(job.Submit.Name, [result]));
    }

    private void Lend(ActiveJob job, WorkerState worker, List<TaskItem> batch)
    {
        job.FirstDispatch ??= DateTimeOffset.UtcNow;
        worker.Actor.Tell(new Work(batch, worker.Lend(batch).Number));
        if (job.FirstWorkOn(worker.Info.Node) is { UpToFirstWork: { } wait })
            _log.Info("worker node {0} got its first task {1:0} ms after it was Up", worker.Actor.Path.Address.HostPort(), wait.TotalMilliseconds);
    }

    private void PublishRejected(ActiveJob job)
    {
        var rejected = job.Ledger.TakeRejected();
        if (rejected.Count > 0) job.Submit.Listener.Tell(new ResultsReady(job.Submit.Name, rejected));
    }

    // ---- outcomes -------------------------------------------------------------------

    private void HandleWorkDone(WorkDone done)
    {
        var worker = Register(Sender);
        worker.Heard();
        if (!Stopping) worker.Demand += done.RequestMore;
        if (_job is not { } job) return;

        // Batches are processed in order: one lent before this one and still open was lost.
        if (done.Batch > 0)
            foreach (var batch in worker.Open.Where(b => b.Number <= done.Batch).ToList())
                if (batch.Number < done.Batch) Lost(worker, batch, "its outcome never arrived");
                else worker.Open.Remove(batch);

        var results = new List<TaskResult>(done.Outcomes.Count);
        foreach (var outcome in done.Outcomes)
        {
            worker.InFlight.Remove(outcome.Id);
            var verdict = job.Ledger.Record(outcome, worker.Info, out var result);
            if (verdict == OutcomeVerdict.Retry)
                _log.Warning("task {0} failed on worker {1}: {2}; trying it again (at most {3} attempts)",
                    outcome.Id - job.Ledger.FirstId, worker.Info.Id, outcome.Error, _settings.MaxAttempts);
            if (result is null) continue;
            results.Add(result);
            if (verdict == OutcomeVerdict.Completed) job.Count(worker.Info);
        }
        job.Sizer.Observe(done.ElapsedMs, done.Outcomes.Count);
        if (results.Count > 0)
        {
            job.LastResult = DateTimeOffset.UtcNow;
            job.Submit.Listener.Tell(new ResultsReady(job.Submit.Name, results));
        }
        Dispatch();
    }

    private void HandleWorkReturned(WorkReturned returned)
    {
        var worker = Register(Sender);
        worker.Heard();
        worker.Demand = 0;
        foreach (var id in returned.TaskIds) worker.InFlight.Remove(id);
        _job?.Ledger.PutBack(returned.TaskIds);
        Dispatch();
    }

    // ---- faults -----------------------------------------------------------------------

    private void HandleTerminated(Terminated terminated)
    {
        if (!_workers.Remove(terminated.ActorRef, out var worker)) return;
        PutBack(worker, "terminated");
        if (Stopping && _workers.Count == 0) FinishStop(timedOut: false);
        else Dispatch();
        WatchForNoWorkers();
    }

    /// <summary>A worker node joined during a job: find its workers now, and note when it was Up to time its first task.</summary>
    private void HandleMemberUp(ClusterEvent.MemberUp up)
    {
        if (_job is { } job && !Stopping && up.Member.HasRole(WorkerRouter.WorkerRole))
        {
            job.NodeUp(up.Member.Address.ToString(), DateTimeOffset.UtcNow);
            _log.Info("worker node {0} is Up during the job", up.Member.Address.HostPort());
        }
        PollRouter();
    }

    /// <summary>
    /// A worker node is unreachable (presumed dead) or gone: its workers' tasks go back to the
    /// front of the queue at once. An unreachable worker stays known, so that if its node comes
    /// back its late results are still recognized (and counted once); a removed one is forgotten.
    /// </summary>
    private void TakeBackFromNode(Member member, string why)
    {
        var node = member.Address;
        var takenBack = 0;
        var workers = _workers.Values.Where(w => w.Actor.Path.Address == node).ToArray();
        foreach (var worker in workers)
        {
            worker.Demand = 0;
            takenBack += worker.InFlight.Count;
            PutBack(worker, $"node {why}");
            if (why == "removed") _workers.Remove(worker.Actor);
        }
        if (member.HasRole(WorkerRouter.WorkerRole) && !Stopping)
        {
            _log.Info("worker node {0} {1} (status {2}): {3} task(s) of {4} worker(s) taken back", node.HostPort(), why, member.Status, takenBack, workers.Length);
            _job?.NodeLost(new NodeLoss(node.ToString(), why, DateTimeOffset.UtcNow, takenBack));
        }
        if (Stopping && _workers.Count == 0) FinishStop(timedOut: false);
        else Dispatch();
        WatchForNoWorkers();
    }

    /// <summary>
    /// Every worker is gone mid-job: wait the ready timeout for a worker node to join, then
    /// give the job up as interrupted rather than wait forever.
    /// </summary>
    private void WatchForNoWorkers()
    {
        if (_job is null || Stopping || _workers.Count > 0 && !AllUnreachable()) return;
        if (!Timers.IsTimerActive(nameof(NoWorkersTimedOut)))
            Timers.StartSingleTimer(nameof(NoWorkersTimedOut), NoWorkersTimedOut.Instance, _settings.ReadyTimeout);
    }

    private bool AllUnreachable()
    {
        if (!Context.System.Settings.ProviderClass.Contains("Cluster")) return false;
        var unreachable = Cluster.Get(Context.System).State.Unreachable.Select(m => m.Address).ToHashSet();
        return _workers.Values.All(w => unreachable.Contains(w.Actor.Path.Address));
    }

    private void HandleNoWorkersTimedOut()
    {
        if (_job is not { } job || Stopping) return;
        if (_workers.Count > 0 && !AllUnreachable()) return;
        _log.Error("no worker has been reachable for {0:0.#}s: giving the job up; start worker nodes to run it", _settings.ReadyTimeout.TotalSeconds);
        PublishRejected(job);
        job.Submit.Listener.Tell(new JobCompleted(job.Summary(interrupted: true)));
        _nextTaskId = job.Ledger.FirstId + job.Ledger.Submitted;
        _job = null;
        StartNextJob();
    }

    private void PutBack(WorkerState worker, string why)
    {
        if (worker.InFlight.Count == 0) return;
        var ids = worker.InFlight.Order().ToArray();
        worker.InFlight.Clear();
        worker.Open.Clear();
        _job?.Ledger.PutBack(ids);
        _log.Warning("worker {0} {1}: {2} task(s) put back in the queue", worker.Info.Id, why, ids.Length);
    }

    /// <summary>A worker holding tasks that has said nothing for the task timeout is hung: its current task counts a failed attempt, the rest go back, and the worker is restarted.</summary>
    private void HandleCheckProgress()
    {
        if (_settings.TaskTimeout is not { } timeout || _job is not { } job) return;
        foreach (var worker in _workers.Values.Where(w => w.InFlight.Count > 0 && w.Silence > timeout).ToArray())
        {
            var current = worker.InFlight.Min();
            var rest = worker.InFlight.Where(id => id != current).Order().ToArray();
            worker.InFlight.Clear();
            worker.Open.Clear();
            worker.Demand = 0;
            job.Ledger.PutBack(rest);
            job.Ledger.Record(new TaskOutcome(current, null, $"timed out after {timeout.TotalSeconds:0.###}s"), worker.Info, out var result);
            if (result is not null) job.Submit.Listener.Tell(new ResultsReady(job.Submit.Name, [result]));
            _log.Warning("worker {0} has been silent for {1:0.###}s on task {2}: restarting it", worker.Info.Id, worker.Silence.TotalSeconds, current);
            worker.Heard();
            worker.Actor.Tell(Kill.Instance);
        }
        Dispatch();
    }

    // ---- stopping -------------------------------------------------------------------

    private void HandleStopWorkers()
    {
        if (Stopping) return;
        _stopRequester = Sender;
        _stopStarted = DateTimeOffset.UtcNow;
        _router.Tell(new Broadcast(Stop.Instance));
        if (_workers.Count == 0) FinishStop(timedOut: false);
        else Timers.StartSingleTimer(nameof(StopTimedOut), StopTimedOut.Instance, _settings.StopTimeout);
    }

    private void FinishStop(bool timedOut)
    {
        if (_stopRequester is null) return;
        var latency = DateTimeOffset.UtcNow - _stopStarted;
        Timers.CancelAll();
        Context.Stop(_router);
        if (_job is { } job)
        {
            PublishRejected(job);
            job.Submit.Listener.Tell(new JobCompleted(job.Summary(interrupted: !job.Ledger.IsDone())));
            _job = null;
        }
        _stopRequester.Tell(new WorkersStopped(latency, _nextWorkerId, timedOut));
        _stopRequester = ActorRefs.Nobody;
    }

    // ---- state --------------------------------------------------------------------

    private sealed class WorkerState(IActorRef actor, WorkerInfo info)
    {
        private long _lastHeard = Environment.TickCount64;
        public IActorRef Actor { get; } = actor;
        public WorkerInfo Info { get; } = info;
        public int Demand { get; set; }
        public HashSet<long> InFlight { get; } = [];
        public TimeSpan Silence => TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastHeard);
        public void Heard() => _lastHeard = Environment.TickCount64;

        /// <summary>Batches lent and not yet reported, oldest first.</summary>
        public LinkedList<LentBatch> Open { get; } = new();
        private long _lastBatch;

        public LentBatch Lend(List<TaskItem> tasks)
        {
            if (InFlight.Count == 0) Heard();
            var ids = new long[tasks.Count];
            for (var i = 0; i < ids.Length; i++) InFlight.Add(ids[i] = tasks[i].Id);
            var batch = new LentBatch(++_lastBatch, ids);
            Open.AddLast(batch);
            return batch;
        }
    }

    private sealed class LentBatch(long number, long[] ids)
    {
        private readonly long _sent = Environment.TickCount64;
        public long Number { get; } = number;
        public long[] Ids { get; } = ids;
        public TimeSpan Age => TimeSpan.FromMilliseconds(Environment.TickCount64 - _sent);
    }

    private sealed class ActiveJob(SubmitJob submit, TaskLedger ledger, BatchSizer sizer)
    {
        private readonly Dictionary<string, long> _perNode = new();
        private readonly Dictionary<string, long> _perWorker = new();
        private readonly List<NodeLoss> _nodesLost = [];
        private readonly List<NodeJoin> _nodesJoined = [];
        public SubmitJob Submit { get; } = submit;
        public TaskLedger Ledger { get; } = ledger;
        public BatchSizer Sizer { get; } = sizer;
        public DateTimeOffset? FirstDispatch { get; set; }
        public DateTimeOffset? LastResult { get; set; }
        public long? Remaining => Submit.Count - Ledger.Completed - Ledger.Failed;

        public void Count(WorkerInfo worker)
        {
            _perNode[worker.Node] = _perNode.GetValueOrDefault(worker.Node) + 1;
            _perWorker[worker.Path] = _perWorker.GetValueOrDefault(worker.Path) + 1;
        }

        /// <summary>A node's first loss in this job, and any later one that took tasks back (a node can come back and be lost again).</summary>
        public void NodeLost(NodeLoss loss)
        {
            if (loss.TasksTakenBack > 0 || _nodesLost.All(l => l.Node != loss.Node)) _nodesLost.Add(loss);
        }

        public void NodeUp(string node, DateTimeOffset at)
        {
            if (_nodesJoined.All(j => j.Node != node)) _nodesJoined.Add(new NodeJoin(node, at, null));
        }

        /// <summary>Notes a task lent to a worker on <paramref name="node"/>; returns the node's join when this is its first task since it came Up.</summary>
        public NodeJoin? FirstWorkOn(string node)
        {
            var index = _nodesJoined.FindIndex(j => j.Node == node && j.FirstWork is null);
            if (index < 0) return null;
            return _nodesJoined[index] = _nodesJoined[index] with { FirstWork = DateTimeOffset.UtcNow };
        }

        public JobSummary Summary(bool interrupted) => new(
            Submit.Name, Ledger.Submitted, Ledger.Completed, Ledger.Failed, Ledger.DuplicatesIgnored, Ledger.Requeued,
            new Dictionary<string, long>(_perNode), new Dictionary<string, long>(_perWorker),
            FirstDispatch, LastResult, interrupted, interrupted ? Ledger.Unresolved() : [],
            _nodesLost.ToArray(), _nodesJoined.ToArray());
    }

    /// <summary>The router's answer to GetRoutees, piped back from an Ask: it never leaves this node.</summary>
    private sealed record RouteesSeen(IReadOnlyList<Routee> Routees, bool Answered = true) : INoSerializationVerificationNeeded;

    private sealed record PollRoutees : INoSerializationVerificationNeeded
    {
        public static readonly PollRoutees Instance = new();
    }

    private sealed record ReadyTimedOut : INoSerializationVerificationNeeded
    {
        public static readonly ReadyTimedOut Instance = new();
    }

    private sealed record CheckProgress : INoSerializationVerificationNeeded
    {
        public static readonly CheckProgress Instance = new();
    }

    private sealed record NoWorkersTimedOut : INoSerializationVerificationNeeded
    {
        public static readonly NoWorkersTimedOut Instance = new();
    }

    private sealed record StopTimedOut : INoSerializationVerificationNeeded
    {
        public static readonly StopTimedOut Instance = new();
    }
}
