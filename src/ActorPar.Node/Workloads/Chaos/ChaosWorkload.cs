namespace ActorPar.Node.Workloads.Chaos;

/// <summary>
/// Tasks of random length, replayable from the random seed, for runs in which worker nodes are
/// killed, stopped, added or made to hang (scripts/chaos.sh runs many). It counts every result
/// by task position, so it checks from the outside that none is lost or counted twice.
/// </summary>
public sealed class ChaosWorkload : Workload
{
    private static readonly Option<int> Tasks = WorkloadOptions.Number("--tasks", "How many tasks", 40, 1, 10_000_000);
    private static readonly Option<int> MinMs = WorkloadOptions.Number("--min-ms", "The shortest task, in milliseconds", 100, 0, 3_600_000);
    private static readonly Option<int> MaxMs = WorkloadOptions.Number("--max-ms", "The longest task, in milliseconds", 1000, 0, 3_600_000);
    private static readonly Option<bool> Busy = WorkloadOptions.Switch("--busy", "Tasks keep a CPU busy for their length instead of waiting on a timer");
    private static readonly Option<int[]> Hang = WorkloadOptions.List<int>("--hang", "Task positions that never return, e.g. 3,7 (try it with --task-timeout)", "TASKS", [],
        text => int.TryParse(text, out var position) && position >= 0 ? position : null, "task positions such as 3,7");

    public static WorkloadCommand Command { get; } = new("chaos",
        "Tasks of random length (--random-seed replays them) for fault trials: kill, stop or add worker nodes mid-job and check nothing is lost or counted twice.",
        (parse, context) => new ChaosWorkload(parse, context), Tasks, MinMs, MaxMs, Busy, Hang);

    private readonly int _minMs, _maxMs;
    private readonly int[] _hanging, _seen;
    private readonly bool _busy;
    private readonly ChaosTask[] _tasks;

    private ChaosWorkload(ParseResult parse, WorkloadContext context) : base(context)
    {
        (_minMs, _maxMs, _busy, _hanging) = (parse.GetValue(MinMs), parse.GetValue(MaxMs), parse.GetValue(Busy), [.. parse.GetValue(Hang)!.Distinct().Order()]);
        if (_maxMs < _minMs) throw new NodeStartException($"--max-ms ({_maxMs}) must not be below --min-ms ({_minMs})");
        var random = new Random(context.RandomSeed); // task lengths from one seeded generator, so that a run can be replayed
        _tasks = [.. Enumerable.Range(0, parse.GetValue(Tasks))
            .Select(i => new ChaosTask(i, (int)Math.Round(random.Next(_minMs, _maxMs + 1) * context.TimeScale), _hanging.Contains(i), _busy))];
        _seen = new int[_tasks.Length];
    }

    public override string Point => "Kill worker nodes mid-job, stop them, add new ones: tasks of a lost node go back to the queue, late results are ignored, and the summary counts what was lost or counted twice.";
    public override Props WorkerProps => Props.Create<ChaosWorker>();
    protected override IReadOnlyList<WorkloadJob> DefineJobs() => [new(Name, _tasks, _tasks.Length)];
    public override IEnumerable<string> Preamble =>
    [
        $"random seed {Context.RandomSeed} (replay with --random-seed {Context.RandomSeed}): {_tasks.Length} {(_busy ? "busy " : "")}tasks of {_minMs}-{_maxMs} ms, " +
        $"{_tasks.Sum(t => t.Milliseconds) / 1000.0:0.##}s of work" + (_hanging.Length > 0 ? $"; task(s) {string.Join(", ", _hanging)} never return" : ""),
    ];

    /// <summary>Results shown more than once (must be 0).</summary>
    public int CountedTwice => _seen.Sum(n => Math.Max(0, n - 1));

    /// <summary>Tasks of a job that was not interrupted that were never shown (must be 0).</summary>
    public int Lost(IReadOnlyList<JobRun> runs) => runs.Any(r => r.Summary.Interrupted) ? 0 : _seen.Count(n => n == 0);

    public override string? Take(WorkloadJob job, TaskResult result)
    {
        if (result.Index >= 0 && result.Index < _seen.Length) _seen[result.Index]++;
        return result.Result is ChaosTaskDone done ? $"task {done.Index} done by worker {result.Worker.Id} in process {done.Pid}" : Failure(result);
    }

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) =>
        [$"lost {Lost(runs)}, counted twice {CountedTwice}; {runs[0].Summary.NodesLost.Count} worker node(s) lost"];

    public override bool Verify(IReadOnlyList<JobRun> runs) => Lost(runs) == 0 && CountedTwice == 0;
    public override object Figures(IReadOnlyList<JobRun> runs) => new { Lost = Lost(runs), CountedTwice };
}
