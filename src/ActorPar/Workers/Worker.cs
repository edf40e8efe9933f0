using System.Diagnostics;
using ActorPar.Coordination;
using Akka.Actor;
using Akka.Event;

namespace ActorPar.Workers;

/// <summary>
/// The worker side of the coordinator's protocol, for any kind of task. A worker asks for
/// work when it has room (never more than its credit), processes each batch in order,
/// reports every outcome, and on <see cref="Stop"/> finishes its current task, hands back
/// what it has not started, and stops. A task that throws is reported with its message and
/// the worker is then restarted by its supervisor, so a bad task cannot poison the next.
/// Subclasses say only how one task is processed: derive from <see cref="Worker{TInput,TResult}"/>.
/// </summary>
public abstract class Worker : ReceiveActor, IWithTimers
{
    private int _credit = 1;
    private readonly TimeSpan _slice;
    private readonly TimeSpan _askAgainAfter;
    private readonly Dictionary<Type, string?> _unsendable = new();
    private long _lastBatch;
    private long _waitingSince;
    private readonly Queue<Work> _held = new();
    private readonly CancellationTokenSource _lifetime = new();
    private IActorRef _coordinator = ActorRefs.Nobody;
    private int _workerId = -1;
    private int _requested;
    private Work? _current;
    private int _index;
    private List<TaskOutcome> _outcomes = [];
    private long _batchStarted;
    private bool _awaiting;
    private bool _stopping;

    protected Worker()
    {
        var config = Context.System.Settings.Config;
        _slice = config.GetTimeSpan("actorpar.worker.slice", TimeSpan.FromMilliseconds(20));
        _askAgainAfter = config.GetTimeSpan("actorpar.worker.ask-again-after", TimeSpan.FromSeconds(5));

        Receive<Welcome>(HandleWelcome);
        Receive<WorkAvailable>(_ => HandleWorkAvailable());
        Receive<Work>(HandleWork);
        Receive<ContinueBatch>(_ => ProcessBatch());
        Receive<TaskFinished>(HandleTaskFinished);
        Receive<Rejoin>(HandleRejoin);
        Receive<AskAgain>(_ => HandleAskAgain());
        Receive<Stop>(_ => HandleStop());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>This worker's id, as the coordinator numbered it (-1 until welcomed).</summary>
    protected int WorkerId => _workerId;

    /// <summary>Cancelled when this worker instance stops or restarts.</summary>
    protected CancellationToken Lifetime => _lifetime.Token;

    /// <summary>Processes one task. A synchronous worker returns a completed value task.</summary>
    protected abstract ValueTask<object?> ProcessTaskAsync(object? input);

    protected override void PreStart() => WorkerRegistry.Get(Context.System).Add(Self);

    protected override void PostStop()
    {
        _lifetime.Cancel();
        WorkerRegistry.Get(Context.System).Remove(Self);
        HandBackUnstarted(); // only if we stopped without being asked to
    }

    protected override void PreRestart(Exception reason, object message)
    {
        HandBackUnstarted();
        _lifetime.Cancel();
        if (!_coordinator.IsNobody()) Self.Tell(new Rejoin(_workerId, _credit, _lastBatch), _coordinator);
        // Children are not stopped here on purpose: a worker has none, and the rest of
        // the default PreRestart would only call PostStop, which must not run twice.
    }

    protected override void PostRestart(Exception reason) { }

    private void HandleWelcome(Welcome welcome)
    {
        _coordinator = Sender;
        _workerId = welcome.WorkerId;
        _credit = Math.Max(1, welcome.Credit);
        Timers.StartPeriodicTimer(nameof(AskAgain), AskAgain.Instance, _askAgainAfter);
    }

    private void HandleRejoin(Rejoin rejoin)
    {
        _coordinator = Sender;
        _workerId = rejoin.WorkerId;
        _credit = rejoin.Credit;
        _lastBatch = rejoin.LastBatch;
        Timers.StartPeriodicTimer(nameof(AskAgain), AskAgain.Instance, _askAgainAfter);
        AskForWork();
    }

    /// <summary>
    /// Sends are at most once: a batch, or the outcome that asked for the next one, can be
    /// lost. A worker that has asked and waited this long with nothing in hand asks again,
    /// saying which batch it saw last, so the coordinator can put back what went missing.
    /// </summary>
    private void HandleAskAgain()
    {
        if (_stopping || _current is not null || _held.Count > 0 || _requested == 0) return;
        if (Stopwatch.GetElapsedTime(_waitingSince) < _askAgainAfter) return;
        _requested = 0;
        AskForWork();
    }

    private void HandleWorkAvailable()
    {
        _coordinator = Sender;
        AskForWork();
    }

    private void AskForWork()
    {
        if (_stopping) return;
        var holding = _held.Count + (_current is null ? 0 : 1);
        var room = _credit - _requested - holding;
        if (room <= 0) return;
        _requested += room;
        _waitingSince = Stopwatch.GetTimestamp();
        _coordinator.Tell(new RequestWork(room, _lastBatch, holding));
    }

    private void HandleWork(Work work)
    {
        _coordinator = Sender;
        _lastBatch = Math.Max(_lastBatch, work.Batch);
        _requested = Math.Max(0, _requested - 1);
        _held.Enqueue(work);
        if (_stopping)
        {
            HandBackUnstarted();
            return;
        }
        if (_current is null) StartNextBatch();
    }

    private void StartNextBatch()
    {
        if (!_held.TryDequeue(out var next))
        {
            _current = null;
            return;
        }
        _current = next;
        _index = 0;
        _outcomes = new List<TaskOutcome>(next.Tasks.Count);
        _batchStarted = Stopwatch.GetTimestamp();
        ProcessBatch();
    }

    private void ProcessBatch()
    {
        if (_current is null || _awaiting) return;
        var sliceStarted = Stopwatch.GetTimestamp();
        var tasks = _current.Tasks;
        while (_index < tasks.Count)
        {
            if (_stopping)
            {
                FinishAndStop();
                return;
            }

            var task = tasks[_index];
            ValueTask<object?> pending;
            try
            {
                pending = ProcessTaskAsync(task.Input);
                if (pending.IsCompleted) _outcomes.Add(Outcome(task.Id, pending.Result));
            }
            catch (Exception e)
            {
                FailCurrent(task.Id, e);
                return;
            }

            if (!pending.IsCompleted)
            {
                _awaiting = true;
                var id = task.Id;
                pending.AsTask().PipeTo(Self, Self,
                    success: result => new TaskFinished(id, result, null),
                    failure: error => new TaskFinished(id, null, error));
                return;
            }

            _index++;
            if (_index < tasks.Count && Stopwatch.GetElapsedTime(sliceStarted) > _slice)
            {
                Self.Tell(ContinueBatch.Instance); // let a Stop in the mailbox in between tasks
                return;
            }
        }
        CompleteBatch();
    }

    private void HandleTaskFinished(TaskFinished finished)
    {
        if (_current is null || _index >= _current.Tasks.Count || _current.Tasks[_index].Id != finished.Id) return;
        _awaiting = false;
        if (finished.Error is not null)
        {
            FailCurrent(finished.Id, finished.Error);
            return;
        }
        _outcomes.Add(Outcome(finished.Id, finished.Result));
        _index++;
        ProcessBatch();
    }

    /// <summary>
    /// A result that no serializer can carry would make the whole report vanish in transit;
    /// it becomes that task's error instead.
    /// </summary>
    private TaskOutcome Outcome(long id, object? result)
    {
        if (result is null or int or long or double or string or bool or byte[]) return new TaskOutcome(id, result, null);
        var type = result.GetType();
        if (!_unsendable.TryGetValue(type, out var problem))
        {
            try
            {
                Context.System.Serialization.FindSerializerForType(type);
                problem = null;
            }
            catch (Exception e)
            {
                problem = $"its result of type {type.FullName} cannot be sent back: {e.Message}";
            }
            _unsendable[type] = problem;
        }
        return problem is null ? new TaskOutcome(id, result, null) : new TaskOutcome(id, null, problem);
    }

    private void CompleteBatch()
    {
        var elapsed = Stopwatch.GetElapsedTime(_batchStarted).TotalMilliseconds;
        var more = _stopping ? 0 : 1;
        _requested += more;
        if (more > 0) _waitingSince = Stopwatch.GetTimestamp();
        _coordinator.Tell(new WorkDone(_outcomes, elapsed, more, _current!.Batch));
        _outcomes = [];
        _current = null;
        if (_stopping)
        {
            FinishAndStop();
            return;
        }
        StartNextBatch();
    }

    /// <summary>Reports the failed task with the others done so far, then lets supervision restart us.</summary>
    private void FailCurrent(long id, Exception error)
    {
        var cause = error is AggregateException { InnerException: { } inner } ? inner : error;
        _outcomes.Add(new TaskOutcome(id, null, $"{cause.GetType().Name}: {cause.Message.ReplaceLineEndings(" ").Trim()}")); // one line in reports and logs
        _index++;
        _coordinator.Tell(new WorkDone(_outcomes, Stopwatch.GetElapsedTime(_batchStarted).TotalMilliseconds, 0, _current?.Batch ?? 0));
        _outcomes = [];
        throw new TaskFailedException(id, cause);
    }

    private void HandleStop()
    {
        _stopping = true;
        if (_current is null || !_awaiting) FinishAndStop();
        // else: the task in flight finishes first, then ProcessBatch sees _stopping.
    }

    private void FinishAndStop()
    {
        if (_outcomes.Count > 0)
        {
            _coordinator.Tell(new WorkDone(_outcomes, Stopwatch.GetElapsedTime(_batchStarted).TotalMilliseconds, 0, _current?.Batch ?? 0));
            _outcomes = [];
        }
        HandBackUnstarted();
        var node = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress;
        Log.Info("worker {0} on {1} shutting down", _workerId, node.HostPort() is { Length: > 0 } hostPort ? hostPort : node.ToString());
        Context.Stop(Self);
    }

    /// <summary>Hands every received but unstarted task back to the coordinator and forgets our credit there.</summary>
    private void HandBackUnstarted()
    {
        var ids = new List<long>();
        if (_current is not null)
            for (var i = _index; i < _current.Tasks.Count; i++) ids.Add(_current.Tasks[i].Id);
        while (_held.TryDequeue(out var work)) ids.AddRange(work.Tasks.Select(t => t.Id));
        _current = null;
        _awaiting = false;
        _requested = 0;
        if (ids.Count > 0 && !_coordinator.IsNobody()) _coordinator.Tell(new WorkReturned(ids));
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

/// <summary>Thrown by a worker after it reported a failed task, so that its supervisor restarts it.</summary>
public sealed class TaskFailedException(long taskId, Exception cause)
    : Exception($"task {taskId} failed: {cause.Message}", cause)
{
    public long TaskId { get; } = taskId;
}
