using System.Diagnostics;
using ActorPar.Coordination;
using ActorPar.Messaging;
using Akka.Actor;
using Akka.Event;

namespace ActorPar.Workers;

/// <summary>
/// The worker side of the coordinator's protocol, for any kind of task. It is
/// <see cref="Idle"/> until a chunk comes, <see cref="Processing"/> its elements in order (or
/// <see cref="Awaiting"/> one that runs asynchronously), and <see cref="Draining"/> when told
/// to stop while an element is under way. It asks for work when it has room (never more than
/// its credit), reports every chunk's results and failures in one message, and on
/// <see cref="Stop"/> finishes its current element, reports, hands back what it has not
/// started, and stops. An element that throws is reported by its offset and the worker goes on
/// with the next one. Subclasses say only how one element is processed: derive from
/// <see cref="Worker{TInput,TResult}"/>.
/// The behaviours are plain methods switched with <c>Become</c>: a worker changes behaviour
/// for every chunk, and a ReceiveActor's Become rebuilds its handlers each time (about 5 µs,
/// measured, twenty times the cost of a message), which the one-task-per-message path felt.
/// </summary>
public abstract partial class Worker : UntypedActor, IWithTimers
{
    private readonly long _slice;
    private readonly TimeSpan _askAgainAfter;
    private readonly TimeSpan _askAgainMax;
    private TimeSpan _askAgainIn;
    private readonly WireTypes _wire;
    private readonly HeldChunks _held = new();
    private readonly CancellationTokenSource _lifetime = new();
    private CancellationTokenSource _work;
    private IActorRef _coordinator = ActorRefs.Nobody;
    private int _credit = 1;
    private int _requested;
    private long _waitingSince;

    /// <summary>Reads the worker's settings from the actor system's configuration.</summary>
    private protected Worker()
    {
        var config = Context.System.Settings.Config;
        _slice = (long)(config.GetTimeSpan("actorpar.worker.slice").TotalSeconds * Stopwatch.Frequency);
        _askAgainIn = _askAgainAfter = config.GetTimeSpan("actorpar.worker.ask-again-after");
        _askAgainMax = config.GetTimeSpan("actorpar.worker.ask-again-max");
        _wire = WireTypes.Get(Context.System);
        _work = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
    }

    /// <summary>Akka's timers, set by the actor system.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The worker's log.</summary>
    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>This worker's id, as the coordinator numbered it (-1 until welcomed).</summary>
    protected int WorkerId { get; private set; } = -1;

    /// <summary>Cancelled when this worker instance stops or restarts.</summary>
    protected CancellationToken Lifetime => _lifetime.Token;

    /// <summary>Cancelled when this worker stops or restarts, or when the job of the element under way is cancelled.</summary>
    private protected CancellationToken WorkCancellation => _work.Token;

    /// <summary>How this worker runs a chunk: the typed subclass's loop over its elements.</summary>
    private protected abstract ChunkRun Start(Chunk chunk);

    /// <inheritdoc />
    protected override void PreStart() => WorkerRegistry.Get(Context.System).Add(Self);

    /// <inheritdoc />
    protected override void PostStop()
    {
        _lifetime.Cancel();
        WorkerRegistry.Get(Context.System).Remove(Self);
        HandBack(interrupted: false); // only if we stopped without being asked to
    }

    /// <summary>
    /// A restart is needed only when the coordinator killed a hung element (actorpar.coordinator.task-timeout)
    /// or our own code failed: an element that throws is reported and does not restart the worker.
    /// What was done of the current chunk is reported, saying which element was running; the
    /// chunks not started go back; the new instance rejoins the coordinator with the same id.
    /// </summary>
    protected override void PreRestart(Exception reason, object message)
    {
        HandBack(interrupted: true);
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

    /// <summary>No chunk in hand: asks for work when there is some, and starts the first chunk that comes.</summary>
    private void Idle(object message)
    {
        switch (message)
        {
            case Chunk chunk:
                Received(chunk);
                StartNextChunk();
                break;
            case WorkAvailable: AskForWork(Sender); break;
            case AskAgain: AskAgainIfForgotten(); break;
            case Welcome welcome: HandleWelcome(welcome); break;
            case Rejoin rejoin: HandleRejoin(rejoin); break;
            case DropWork: break; // nothing in hand
            case Stop: FinishAndStop(); break;
            default: Unhandled(message); break;
        }
    }

    /// <summary>Working through a chunk, a slice at a time, so that a Stop or a DropWork is heard between elements.</summary>
    private void Processing(object message)
    {
        switch (message)
        {
            case ContinueChunk: ProcessSlice(); break;
            case Chunk chunk: Received(chunk); break;
            case WorkAvailable: AskForWork(Sender); break;
            case AskAgain: break;
            case Welcome welcome: HandleWelcome(welcome); break;
            case DropWork drop: Drop(drop); break;
            case Stop: FinishAndStop(); break;
            default: Unhandled(message); break;
        }
    }

    /// <summary>The current element runs asynchronously: its outcome comes back as <see cref="ElementFinished"/>.</summary>
    private void Awaiting(object message)
    {
        switch (message)
        {
            case ElementFinished finished:
                if (!Settle(finished)) break;
                Become(Processing);
                ProcessSlice();
                break;
            case Chunk chunk: Received(chunk); break;
            case WorkAvailable: AskForWork(Sender); break;
            case AskAgain: break;
            case Welcome welcome: HandleWelcome(welcome); break;
            case DropWork drop:
                Drop(drop);
                if (_held.Current is { Pending: not null } current && current.Chunk.Number <= drop.UpTo) CancelWork();
                break;
            case Stop: Become(Draining); break;
            default: Unhandled(message); break;
        }
    }

    /// <summary>Told to stop while an element runs: that element finishes and is reported, then the worker stops.</summary>
    private void Draining(object message)
    {
        switch (message)
        {
            case ElementFinished finished:
                if (Settle(finished)) FinishAndStop();
                break;
            case Chunk chunk:
                _requested = Math.Max(0, _requested - 1);
                Tell(new ChunkReturned(chunk.Number, chunk.Runs));
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
    /// Sends are at most once: a chunk, or the report that asked for the next one, can be
    /// lost. A worker that asked and waited this long with nothing in hand asks again, saying
    /// which chunk it saw last, so the coordinator can put back what went missing. Each time
    /// nothing came of it, it waits twice as long (up to ask-again-max): between jobs the
    /// coordinator has nothing to send, and thousands of idle workers would otherwise ask every
    /// few seconds. A chunk received starts the wait from ask-again-after again.
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

    private sealed record ContinueChunk : INoSerializationVerificationNeeded
    {
        public static readonly ContinueChunk Instance = new();
    }

    private sealed record ElementFinished(long Number, int Index, object? Result, Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record Rejoin(int WorkerId, int Credit, long LastBatch) : INoSerializationVerificationNeeded;

    private sealed record AskAgain : INoSerializationVerificationNeeded
    {
        public static readonly AskAgain Instance = new();
    }
}
