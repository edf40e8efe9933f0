using System.Diagnostics;
using ActorPar.Coordination;
using ActorPar.Messaging;
using Akka.Actor;
using Akka.Event;

namespace ActorPar.Workers;

/// <summary>
/// The worker side of the coordinator's protocol, for any kind of task. It is
/// <see cref="Idle"/> until a batch comes, <see cref="Processing"/> its tasks in order (or
/// <see cref="Awaiting"/> one that runs asynchronously), and <see cref="Draining"/> when told
/// to stop while a task is under way. It asks for work when it has room (never more than its
/// credit), reports every outcome, and on <see cref="Stop"/> finishes its current task, hands
/// back what it has not started, and stops. A task that throws is reported with its message
/// and the worker goes on with the next one. Subclasses say only how one task is processed:
/// derive from <see cref="Worker{TInput,TResult}"/>.
/// The behaviours are plain methods switched with <c>Become</c>: a worker changes behaviour
/// for every batch, and a ReceiveActor's Become rebuilds its handlers each time (about 5 µs,
/// measured, twenty times the cost of a message), which the one-task-per-message path felt.
/// </summary>
public abstract class Worker : UntypedActor, IWithTimers
{
    private readonly TimeSpan _slice;
    private readonly TimeSpan _askAgainAfter;
    private readonly TimeSpan _askAgainMax;
    private TimeSpan _askAgainIn;
    private readonly WireTypes _wire;
    private readonly HeldBatches _held = new();
    private readonly CancellationTokenSource _lifetime = new();
    private IActorRef _coordinator = ActorRefs.Nobody;
    private int _credit = 1;
    private int _requested;
    private long _waitingSince;

    /// <summary>Reads the worker's settings from the actor system's configuration.</summary>
    protected Worker()
    {
        var config = Context.System.Settings.Config;
        _slice = config.GetTimeSpan("actorpar.worker.slice");
        _askAgainIn = _askAgainAfter = config.GetTimeSpan("actorpar.worker.ask-again-after");
        _askAgainMax = config.GetTimeSpan("actorpar.worker.ask-again-max");
        _wire = WireTypes.Get(Context.System);
    }

    /// <summary>Akka's timers, set by the actor system.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The worker's log.</summary>
    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>This worker's id, as the coordinator numbered it (-1 until welcomed).</summary>
    protected int WorkerId { get; private set; } = -1;

    /// <summary>Cancelled when this worker instance stops or restarts.</summary>
    protected CancellationToken Lifetime => _lifetime.Token;

    /// <summary>Processes one task. A synchronous worker returns a completed value task.</summary>
    protected abstract ValueTask<object?> ProcessTaskAsync(object? input);

    /// <inheritdoc />
    protected override void PreStart() => WorkerRegistry.Get(Context.System).Add(Self);

    /// <inheritdoc />
    protected override void PostStop()
    {
        _lifetime.Cancel();
        WorkerRegistry.Get(Context.System).Remove(Self);
        HandBackUnstarted(); // only if we stopped without being asked to
    }

    /// <summary>
    /// A restart is needed only when the coordinator killed a hung task (actorpar.coordinator.task-timeout)
    /// or our own code failed: a task that throws is reported and does not restart the worker.
    /// The tasks in hand go back; the new instance rejoins the coordinator with the same id.
    /// </summary>
    protected override void PreRestart(Exception reason, object message)
    {
        HandBackUnstarted();
        _lifetime.Cancel();
        if (!_coordinator.IsNobody()) Self.Tell(new Rejoin(WorkerId, _credit, _held.LastNumber), _coordinator);
        // Children are not stopped here on purpose: a worker has none, and the rest of
        // the default PreRestart would only call PostStop, which must not run twice.
    }

    /// <summary>Nothing: the default would run <see cref="PreStart"/> again, and the restarted worker is still registered (<see cref="PreRestart"/> kept it).</summary>
    protected override void PostRestart(Exception reason) { }

    #region Behaviours

    /// <inheritdoc />
    protected sealed override void OnReceive(object message) => Idle(message);

    /// <summary>No batch in hand: asks for work when there is some, and starts the first batch that comes.</summary>
    private void Idle(object message)
    {
        switch (message)
        {
            case Batch batch:
                Received(batch);
                StartNextBatch();
                break;
            case WorkAvailable: AskForWork(Sender); break;
            case AskAgain: AskAgainIfForgotten(); break;
            case Welcome welcome: HandleWelcome(welcome); break;
            case Rejoin rejoin: HandleRejoin(rejoin); break;
            case Stop: FinishAndStop(); break;
            default: Unhandled(message); break;
        }
    }

    /// <summary>Working through a batch, a slice at a time, so that a Stop is heard between tasks.</summary>
    private void Processing(object message)
    {
        switch (message)
        {
            case ContinueBatch: ProcessSlice(); break;
            case Batch batch: Received(batch); break;
            case WorkAvailable: AskForWork(Sender); break;
            case AskAgain: break;
            case Welcome welcome: HandleWelcome(welcome); break;
            case Stop: FinishAndStop(); break;
            default: Unhandled(message); break;
        }
    }

    /// <summary>The current task runs asynchronously: its outcome comes back as <see cref="TaskFinished"/>.</summary>
    private void Awaiting(object message)
    {
        switch (message)
        {
            case TaskFinished finished:
                Settle(finished);
                Become(Processing);
                ProcessSlice();
                break;
            case Batch batch: Received(batch); break;
            case WorkAvailable: AskForWork(Sender); break;
            case AskAgain: break;
            case Welcome welcome: HandleWelcome(welcome); break;
            case Stop: Become(Draining); break;
            default: Unhandled(message); break;
        }
    }

    /// <summary>Told to stop while a task runs: that task finishes and is reported, then the worker stops.</summary>
    private void Draining(object message)
    {
        switch (message)
        {
            case TaskFinished finished:
                Settle(finished);
                FinishAndStop();
                break;
            case Batch batch:
                _requested = Math.Max(0, _requested - 1);
                Hand(back: batch.Tasks.Select(t => t.Id));
                break;
        }
    }

    #endregion

    private void HandleWelcome(Welcome welcome)
    {
        _coordinator = Sender;
        WorkerId = welcome.WorkerId;
        _credit = Math.Max(1, welcome.Credit);
    }

    private void HandleRejoin(Rejoin rejoin)
    {
        _held.Seen(rejoin.LastBatch);
        HandleWelcome(new Welcome(rejoin.WorkerId, rejoin.Credit));
        AskForWork(Sender);
    }

    private void AskForWork(IActorRef coordinator)
    {
        _coordinator = coordinator;
        var room = _credit - _requested - _held.Count;
        if (room <= 0) return;
        _requested += room;
        _waitingSince = Stopwatch.GetTimestamp();
        _coordinator.Tell(new RequestWork(room, _held.LastNumber, _held.Count));
        ArmAskAgain();
    }

    /// <summary>
    /// The ask-again timer runs only while the worker waits for an answer, so a worker at rest
    /// wakes no one: a single timer, armed when it starts waiting (a dictionary lookup when it
    /// is armed already, which on the per-message path it mostly is).
    /// </summary>
    private void ArmAskAgain()
    {
        if (!Timers.IsTimerActive(nameof(AskAgain))) Timers.StartSingleTimer(nameof(AskAgain), AskAgain.Instance, _askAgainIn);
    }

    /// <summary>
    /// Sends are at most once: a batch, or the report that asked for the next one, can be
    /// lost. A worker that asked and waited this long with nothing in hand asks again, saying
    /// which batch it saw last, so the coordinator can put back what went missing. Each time
    /// nothing came of it, it waits twice as long (up to ask-again-max): between jobs the
    /// coordinator has nothing to send, and thousands of idle workers would otherwise ask every
    /// few seconds. A batch received starts the wait from ask-again-after again.
    /// </summary>
    private void AskAgainIfForgotten()
    {
        if (_requested == 0) return;
        if (Stopwatch.GetElapsedTime(_waitingSince) < _askAgainIn)
        {
            ArmAskAgain();
            return;
        }
        _requested = 0;
        _askAgainIn = TimeSpan.FromTicks(Math.Min(_askAgainIn.Ticks * 2, _askAgainMax.Ticks));
        AskForWork(_coordinator);
    }

    private void Received(Batch batch)
    {
        _coordinator = Sender;
        _requested = Math.Max(0, _requested - 1);
        _askAgainIn = _askAgainAfter;
        _held.Add(batch);
    }

    private void StartNextBatch()
    {
        if (!_held.StartNext())
        {
            Become(Idle);
            return;
        }
        Become(Processing);
        ProcessSlice();
    }

    /// <summary>Runs tasks of the current batch until it ends, a task goes asynchronous, or the slice is used up.</summary>
    private void ProcessSlice()
    {
        var sliceStarted = Stopwatch.GetTimestamp();
        while (_held.NextTask is { } task)
        {
            ValueTask<object?> pending;
            try
            {
                pending = ProcessTaskAsync(task.Input);
            }
            catch (Exception e)
            {
                _held.Record(Failure(task.Id, e));
                continue;
            }
            if (!pending.IsCompleted)
            {
                var id = task.Id;
                pending.AsTask().PipeTo(Self, Self,
                    success: result => new TaskFinished(id, result, null),
                    failure: error => new TaskFinished(id, null, error));
                Become(Awaiting);
                return;
            }
            TaskOutcome outcome;
            try { outcome = Outcome(task.Id, pending.Result); }
            catch (Exception e) { outcome = Failure(task.Id, e); }
            _held.Record(outcome);
            if (_held.NextTask is not null && Stopwatch.GetElapsedTime(sliceStarted) > _slice)
            {
                Self.Tell(ContinueBatch.Instance); // let a Stop in the mailbox in between tasks
                return;
            }
        }
        Report(credit: 1);
        StartNextBatch();
    }

    private void Settle(TaskFinished finished)
    {
        if (_held.NextTask?.Id != finished.Id) return;
        _held.Record(finished.Error is null ? Outcome(finished.Id, finished.Result) : Failure(finished.Id, finished.Error));
    }

    /// <summary>A result that no serializer can carry would make the whole report vanish in transit; it becomes that task's error instead.</summary>
    private TaskOutcome Outcome(long id, object? result) =>
        result is not null && _wire.Problem(result.GetType()) is { } problem
            ? new TaskOutcome(id, null, $"its result of type {result.GetType().FullName} cannot be sent back: {problem}")
            : new TaskOutcome(id, result, null);

    /// <summary>A task's exception, as one line for reports and logs.</summary>
    private static TaskOutcome Failure(long id, Exception error)
    {
        var cause = error is AggregateException { InnerException: { } inner } ? inner : error;
        return new TaskOutcome(id, null, $"{cause.GetType().Name}: {cause.Message.ReplaceLineEndings(" ").Trim()}");
    }

    /// <summary>Reports the outcomes so far of the current batch, giving <paramref name="credit"/> back.</summary>
    private void Report(int credit)
    {
        if (_held.Report(credit) is not { } done) return;
        _requested += credit;
        _coordinator.Tell(done);
        if (credit <= 0) return;
        _waitingSince = Stopwatch.GetTimestamp();
        ArmAskAgain();
    }

    private void FinishAndStop()
    {
        Report(credit: 0);
        HandBackUnstarted();
        var node = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress;
        Log.Info("worker {0} on {1} shutting down", WorkerId, node.HostPort() is { Length: > 0 } hostPort ? hostPort : node.ToString());
        Context.Stop(Self);
    }

    /// <summary>Hands every received but unstarted task back to the coordinator and forgets our credit there.</summary>
    private void HandBackUnstarted() => Hand(back: _held.TakeUnstarted());

    private void Hand(IEnumerable<long> back)
    {
        var ids = back.ToList();
        _requested = 0;
        if (ids.Count > 0 && !_coordinator.IsNobody()) _coordinator.Tell(new TasksReturned(ids));
    }

    private sealed record ContinueBatch : INoSerializationVerificationNeeded
    {
        public static readonly ContinueBatch Instance = new();
    }

    private sealed record TaskFinished(long Id, object? Result, Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record Rejoin(int WorkerId, int Credit, long LastBatch) : INoSerializationVerificationNeeded;

    private sealed record AskAgain : INoSerializationVerificationNeeded
    {
        public static readonly AskAgain Instance = new();
    }
}
