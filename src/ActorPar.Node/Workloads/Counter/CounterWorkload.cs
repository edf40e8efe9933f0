namespace ActorPar.Node.Workloads.Counter;

/// <summary>
/// Seed 003's <c>Lock</c>: workers, one per task by default, add 1 to a total owned by one
/// <see cref="SharedTotal"/> actor on the coordinator node, which applies one message at a time.
/// Then, in the coordinator's own process, the same updates run on as many threads, with a lock
/// and unsynchronized (<see cref="SharedCounterRace"/>), where lost updates are counted.
/// </summary>
public sealed class CounterWorkload(ParseResult parse, WorkloadContext context) : Workload(context)
{
    private static readonly Option<int> Tasks = WorkloadOptions.Number("--tasks", "Tasks, each adding to the total (and threads, in the in-process comparison)", 8, 1, 1000);
    private static readonly Option<int> Updates = WorkloadOptions.Number("--updates", "Updates (+1) per task", 25_000, 1, 10_000_000);
    private static readonly Option<int> Window = WorkloadOptions.Number("--window", "Updates a worker sends before it waits for the total to acknowledge them", 1_000, 1, 1_000_000);
    private static readonly Option<int> Races = WorkloadOptions.Number("--races", "Times the unsynchronized threads run, to show that what they lose varies", 5, 1, 100);

    public static WorkloadCommand Command { get; } = new("counter",
        "Seed 003's Lock: workers add to a total owned by one actor (exact, no lock), beside the same updates in one process with a lock and unsynchronized (lost updates).",
        (parse, context) => new CounterWorkload(parse, context), Tasks, Updates, Window, Races) { ConfigDefaults = parse => [WorkloadCommand.Workers(parse.GetValue(Tasks))] };

    private readonly int _tasks = parse.GetValue(Tasks), _updates = parse.GetValue(Updates), _window = parse.GetValue(Window), _races = parse.GetValue(Races);
    private IActorRef _total = ActorRefs.Nobody;

    public override string Point => "A Lock, replaced by ownership: one actor owns the total and applies one message at a time, so workers in other processes add to it with no lock.";

    /// <summary>The shared total's actor, created on the coordinator node before the workers are deployed.</summary>
    public override Task PrepareAsync(ActorSystem system, CancellationToken cancellation)
    {
        _total = system.ActorOf(SharedTotal.Props(), "shared-total");
        return Task.CompletedTask;
    }

    /// <summary>The worker gets the total's IActorRef: a serializable constructor argument, as remote deployment requires.</summary>
    public override Props WorkerProps => Props.Create<CounterWorker>(_total);
    protected override IReadOnlyList<WorkloadJob> DefineJobs() => [new(Name, Enumerable.Range(0, _tasks).Select(i => new CountTask(i, _updates, _window)), _tasks)];
    public override IEnumerable<string> Preamble => [$"{_tasks} tasks of {WorkloadOptions.Show(_updates)} updates (+1 each) on {Context.Workers} workers: " +
                                                     $"{WorkloadOptions.Show(Expected)} messages to one actor, acknowledged every {WorkloadOptions.Show(_window)}"];

    public long Expected => (long)_tasks * _updates;

    /// <summary>The actor's final total: every task saw the total after its own updates, so the highest it saw includes them all.</summary>
    public long ActorTotal { get; private set; }

    /// <summary>The in-process comparison, run once, after the actor job.</summary>
    private SharedCounterRace.Comparison Threads => field ??= SharedCounterRace.Compare(_tasks, _updates, _races);

    public override string? Take(WorkloadJob job, TaskResult result)
    {
        if (result.Result is not CountTaskDone done) return Failure(result);
        ActorTotal = Math.Max(ActorTotal, done.TotalSeen);
        return $"task {done.TaskId}: {WorkloadOptions.Show(done.Updates)} updates from worker {result.Worker.Id}; the total was then {WorkloadOptions.Show(done.TotalSeen)}";
    }

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) =>
    [
        $"actor-owned total: {WorkloadOptions.Show(ActorTotal)} of {WorkloadOptions.Show(Expected)} " + (ActorTotal == Expected ? "(exact, no lock)" : "(WRONG)"),
        $"in one process, {_tasks} threads, the same {WorkloadOptions.Show(Expected)} updates:",
        $"  with a lock:    {WorkloadOptions.Show(Threads.Locked)} ({(Threads.Locked == Expected ? "exact" : "WRONG")}) in {Threads.LockedMs:0.0} ms",
        $"  unsynchronized: {string.Join(", ", Threads.Unsynchronized.Select(WorkloadOptions.Show))} in {_races} run(s): " +
        $"{string.Join(", ", Threads.Unsynchronized.Select(t => WorkloadOptions.Show(Expected - t)))} updates lost, in {Threads.UnsynchronizedMs:0.0} ms each on average",
    ];

    public override bool Verify(IReadOnlyList<JobRun> runs) => ActorTotal == Expected && Threads.Locked == Expected;

    public override object Figures(IReadOnlyList<JobRun> runs) => new
    {
        ExpectedTotal = Expected, ActorTotal, LockTotal = Threads.Locked, LockMs = Math.Round(Threads.LockedMs, 1), UnsynchronizedTotals = Threads.Unsynchronized,
        UnsynchronizedMs = Math.Round(Threads.UnsynchronizedMs, 1), LostUpdates = Threads.Unsynchronized.Select(t => Expected - t),
    };
}
