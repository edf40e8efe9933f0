using ActorPar.Chunks;
using ActorPar.Messaging;
using Akka.Actor;
using Akka.Event;
using Akka.Routing;

namespace ActorPar.Coordination;

/// <summary>
/// Owns the task queue (the Python <c>Queue</c>) and the router that deploys the workers. It
/// moves through four behaviours: <see cref="WaitingForWorkers"/> until the router has deployed
/// enough workers, then <see cref="Idle"/> and <see cref="Running"/> in turn, one job at a time,
/// and <see cref="Stopping"/> when asked to stop. While running it lends chunks (consecutive
/// inputs, sized to their measured time) only to workers that asked, tracks every chunk until
/// each of its elements has an outcome, and records each outcome once; a worker that dies, or
/// whose node becomes unreachable, has its chunks split and put back at the front of the queue.
/// A cancelled job ends at once, and its workers are told to drop its chunks. Stopping
/// broadcasts <see cref="Stop"/> (the Python <c>Event</c>), waits for every worker to stop, and
/// then stops the router, which would otherwise redeploy workers on the next member event.
/// Membership comes in as <see cref="NodeEvent"/>s; the bookkeeping lives in
/// <see cref="WorkerRoster"/>, <see cref="ChunkLedger"/>, <see cref="ChunkSizer"/> and <see cref="JobStats"/>.
/// </summary>
public sealed partial class Coordinator : ReceiveActor, IWithTimers
{
    private readonly CoordinatorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _router;
    private readonly WireTypes _wire = WireTypes.Get(Context.System);
    private readonly WorkerRoster _roster = new();
    private readonly Queue<SubmitJob> _queued = new();
    private readonly List<IActorRef> _readyWaiters = [];
    private DateTimeOffset _readyAt;
    private long _nextTaskId;
    private long _nextChunk = 1;
    private int _pushCursor;
    private int _routeeCount;

    /// <summary>A coordinator that deploys its workers through <paramref name="workerRouter"/>.</summary>
    public Coordinator(CoordinatorSettings settings, Props workerRouter)
    {
        _settings = settings;
        _router = Context.ActorOf(workerRouter, "workers");
        WaitingForWorkers();
    }

    /// <summary>Akka's timers, set by the actor system.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The coordinator always lives on the node that runs it: its settings and router never cross the network.</summary>
    public static Props Props(CoordinatorSettings settings, Props workerRouter) =>
        Akka.Actor.Props.Create(() => new Coordinator(settings, workerRouter)).WithDeploy(Deploy.Local);

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartSingleTimer(Tick.ReadyTimedOut, Tick.ReadyTimedOut, _settings.ReadyTimeout);

    #region Behaviours

    /// <summary>Before the router has deployed the workers: jobs wait, nothing is lent.</summary>
    private void WaitingForWorkers()
    {
        Receive<RouteesSeen>(seen =>
        {
            Enlist(seen, job: null);
            if (_roster.Count >= _settings.WorkersToStart) BecomeReady();
        });
        Receive<Tick>(t => t == Tick.ReadyTimedOut, _ => GiveUpWaiting());
        Receive<NotifyWhenReady>(_ => _readyWaiters.Add(Sender));
        Receive<SubmitJob>(_queued.Enqueue);
        Receive<CancelJob>(CancelQueued);
        AtRest();
    }

    /// <summary>The workers never all came: every question about readiness gets that answer.</summary>
    private void NotReady(string reason)
    {
        Receive<NotifyWhenReady>(_ => Sender.Tell(new CoordinatorNotReady(reason)));
        Receive<RouteesSeen>(seen => Enlist(seen, job: null));
        Receive<SubmitJob>(_queued.Enqueue);
        Receive<CancelJob>(CancelQueued);
        AtRest();
    }

    /// <summary>Workers deployed, no job: the next job submitted starts at once.</summary>
    private void Idle()
    {
        Receive<SubmitJob>(Start);
        Receive<NotifyWhenReady>(_ => Sender.Tell(new CoordinatorReady(_roster.Count, _readyAt)));
        Receive<RouteesSeen>(seen => Enlist(seen, job: null));
        AtRest();
    }

    /// <summary>Messages of workers and members while no job runs, and the way out to <see cref="Stopping"/>.</summary>
    private void AtRest()
    {
        Receive<RequestWork>(request => Requested(request, job: null));
        Receive<ChunkDone>(done => Reported(done, job: null, stopping: false));
        Receive<ChunkReturned>(returned => Returned(returned, job: null)); // nothing to put back: no job owns it
        Receive<CancelJob>(_ => { }); // the job is over already
        Receive<InputsReady>(_ => { });
        Receive<Terminated>(terminated => Departed(terminated.ActorRef, "terminated", job: null));
        Receive<NodeEvent>(e => NodeChanged(e, job: null));
        Receive<StopWorkers>(_ => BecomeStopping(job: null));
    }

    /// <summary>A job runs: idle workers ask, and get chunks of its inputs.</summary>
    private void Running(ActiveJob job)
    {
        Receive<RequestWork>(request =>
        {
            Requested(request, job);
            Dispatch(job);
        });
        Receive<ChunkDone>(done =>
        {
            Reported(done, job, stopping: false);
            Dispatch(job);
        });
        Receive<ChunkReturned>(returned =>
        {
            Returned(returned, job);
            Dispatch(job);
        });
        Receive<InputsReady>(_ => Dispatch(job));
        Receive<CancelJob>(cancel =>
        {
            if (cancel.Listener.Equals(job.Submit.Listener)) Cancel(job);
            else CancelQueued(cancel);
        });
        Receive<Tick>(t => t == Tick.RetrySummary, _ => LogRetries(job));
        Receive<RouteesSeen>(seen => Enlist(seen, job));
        Receive<Terminated>(terminated => Departed(terminated.ActorRef, "terminated", job));
        Receive<NodeEvent>(e => NodeChanged(e, job));
        Receive<Tick>(t => t == Tick.CheckProgress, _ => CheckProgress(job));
        Receive<Tick>(t => t == Tick.NoWorkersTimedOut, _ => GiveUpJob(job));
        Receive<SubmitJob>(_queued.Enqueue);
        Receive<NotifyWhenReady>(_ => Sender.Tell(new CoordinatorReady(_roster.Count, _readyAt)));
        Receive<StopWorkers>(_ => BecomeStopping(job));
    }

    /// <summary>
    /// Stop was broadcast: outcomes still count and unstarted chunks come back, but nothing more
    /// is lent. Ends when every worker has stopped, or the stop timeout has passed.
    /// </summary>
    private void Stopping(ActiveJob? job, List<IActorRef> requesters, DateTimeOffset started)
    {
        var stopped = 0; // workers that terminated after the broadcast, each counted once
        void Gone(IActorRef worker, string why, bool terminated)
        {
            if (terminated && _roster.Find(worker) is not null) stopped++;
            Departed(worker, why, job);
            if (_roster.Count == 0) FinishStop(job, requesters, started, stopped, timedOut: false);
        }

        Receive<Terminated>(terminated => Gone(terminated.ActorRef, "terminated", terminated: true));
        Receive<NodeEvent>(e =>
        {
            if (e.Change == NodeChange.Removed)
                foreach (var worker in _roster.OnNode(e.Node)) Gone(worker.Actor, "node removed", terminated: false);
        });
        Receive<RouteesSeen>(seen =>
        {
            // A node that joined just now got workers the broadcast missed: stop them too.
            foreach (var actor in seen.Workers)
                if (_roster.Enlist(actor, out var added) is not null && added)
                {
                    Context.Watch(actor);
                    actor.Tell(Stop.Instance);
                }
        });
        Receive<ChunkDone>(done => Reported(done, job, stopping: true));
        Receive<ChunkReturned>(returned => Returned(returned, job));
        Receive<CancelJob>(_ => { }); // every job ends with the stop anyway
        Receive<InputsReady>(_ => { });
        Receive<Tick>(t => t == Tick.StopTimedOut, _ => FinishStop(job, requesters, started, stopped, timedOut: true));
        Receive<StopWorkers>(_ => requesters.Add(Sender));
        Receive<SubmitJob>(_queued.Enqueue);
        Receive<NotifyWhenReady>(_ => Sender.Tell(new CoordinatorNotReady("the workers are stopping")));
        Receive<RequestWork>(_ => { });
    }

    /// <summary>Every worker stopped and the router is gone: late messages are dropped, and a job submitted now ends at once.</summary>
    private void Stopped(WorkersStopped result)
    {
        Receive<StopWorkers>(_ => Sender.Tell(result));
        Receive<SubmitJob>(EndUnrun);
        Receive<NotifyWhenReady>(_ => Sender.Tell(new CoordinatorNotReady("the workers were stopped")));
        ReceiveAny(_ => { });
    }

    #endregion

    /// <summary>The coordinator's timers, one message each.</summary>
    private sealed record Tick(string Name) : INoSerializationVerificationNeeded
    {
        public static readonly Tick ReadyTimedOut = new(nameof(ReadyTimedOut));
        public static readonly Tick CheckProgress = new(nameof(CheckProgress));
        public static readonly Tick NoWorkersTimedOut = new(nameof(NoWorkersTimedOut));
        public static readonly Tick StopTimedOut = new(nameof(StopTimedOut));
        public static readonly Tick RetrySummary = new(nameof(RetrySummary));
    }

    /// <summary>An asynchronous source has inputs ready that it did not have when the coordinator last asked.</summary>
    private sealed record InputsReady : INoSerializationVerificationNeeded
    {
        public static readonly InputsReady Instance = new();
    }
}
