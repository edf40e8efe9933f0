using System.Globalization;

namespace ActorPar.Node.Workloads.Sleep;

/// <summary>
/// Seed 000's long-running jobs: at once, one worker per task by default as the seed starts one
/// Process per task, they finish in order of length and the makespan is close to the longest;
/// with <c>--serial</c> one worker takes them in turn, as the seed's loop does, and it is their sum.
/// </summary>
public sealed class SleepWorkload(ParseResult parse, WorkloadContext context) : Workload(context)
{
    private static readonly Option<double[]> Tasks = WorkloadOptions.List<double>("--tasks", "How long each task sleeps, in seconds", "SECONDS", [5, 2, 4, 1, 5],
        text => double.TryParse(text, CultureInfo.InvariantCulture, out var s) && s > 0 && !double.IsInfinity(s) ? s : null, "positive numbers of seconds such as 5,2,4,1,5", atLeastOne: true);
    private static readonly Option<bool> Serial = WorkloadOptions.Switch("--serial", "Run the tasks one after another on one worker, like the seed's plain loop");

    public static WorkloadCommand Command { get; } = new("sleep",
        "Seed 000's long jobs: tasks of 5,2,4,1,5 s run at once (one worker per task unless --workers) and finish in order of length; --serial for comparison.",
        (parse, context) => new SleepWorkload(parse, context), Tasks, Serial) { ConfigDefaults = parse => [WorkloadCommand.Workers(parse.GetValue(Tasks)?.Length ?? 0)] };

    private readonly double[] _seconds = parse.GetValue(Tasks)!;
    private readonly bool _serial = parse.GetValue(Serial);

    public override string Point => "Processes become worker actors in other OS processes: the tasks run at once, report in the order they finish, and the coordinator knows the moment the last one is done.";
    public override Props WorkerProps => Props.Create<SleepWorker>();
    protected override IReadOnlyList<WorkloadJob> DefineJobs() =>
        [new(_serial ? "serial" : "parallel", _seconds.Select((s, i) => new SleepTask(i, s, Context.TimeScale)).ToArray(), _seconds.Length, _serial ? 1 : null)];

    /// <summary>Seconds the tasks take with nothing in between, after the time scale: their sum one after another, the longest at once.</summary>
    public double IdealSeconds => (_serial ? _seconds.Sum() : _seconds.Max()) * Context.TimeScale;

    public override IEnumerable<string> Preamble =>
    [
        $"{_seconds.Length} tasks of [{string.Join(", ", _seconds.Select(WorkloadOptions.Show))}] s, " +
        (_serial ? "one after another on one worker" : $"on {Context.Workers} workers at once") + $", time scale {Context.TimeScale}",
        .. _serial || Context.Workers >= _seconds.Length ? Array.Empty<string>()
            : [$"note: {_seconds.Length} tasks on {Context.Workers} workers, so some wait for a free worker; --workers {_seconds.Length} runs them all at once"],
    ];

    public override string? Take(WorkloadJob job, TaskResult result) =>
        result.Result is SleepDone done ? $"Process id {done.ProcessId} - Complete - Task time: {WorkloadOptions.Show(done.Seconds)}s" : Failure(result);

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) =>
    [
        _serial ? $"ideal {IdealSeconds:0.00}s (the sum of the tasks); in parallel the longest task bounds it: {_seconds.Max() * Context.TimeScale:0.00}s"
                : $"ideal {IdealSeconds:0.00}s (the longest task); one after another they take {_seconds.Sum() * Context.TimeScale:0.00}s (--serial)",
    ];

    public override object Figures(IReadOnlyList<JobRun> runs) => new { IdealMs = Math.Round(IdealSeconds * 1000, 1) };
}
