using ActorPar.Node.Workloads.Sleep;

namespace ActorPar.Node.Workloads.Join;

/// <summary>
/// Seed 003's <c>Process.start</c> / <c>join</c>: N sleeping tasks on <see cref="SleepWorker"/>, one
/// worker each by default. The seed prints <c>Program finished</c> too early when it forgets to join;
/// here the line comes from the job's summary, which exists only once every task is recorded.
/// </summary>
public sealed class JoinWorkload(ParseResult parse, WorkloadContext context) : Workload(context)
{
    private static readonly Option<int> Processes = WorkloadOptions.Number("--processes", "Sleeping tasks to start (the seed's Process objects)", 3, 1, 10_000);
    private static readonly Option<double> Seconds = WorkloadOptions.Number("--seconds", "How long each task sleeps", 1.0, 0.001, 3600);

    public static WorkloadCommand Command { get; } = new("join",
        "Seed 003's Process.start / join: N sleeping tasks, then 'Program finished in X seconds', only once every one has completed.",
        (parse, context) => new JoinWorkload(parse, context), Processes, Seconds) { ConfigDefaults = parse => [WorkloadCommand.Workers(parse.GetValue(Processes))] };

    private readonly int _processes = parse.GetValue(Processes);
    private readonly double _seconds = parse.GetValue(Seconds);

    public override string Point => "start/join as messages: a job is over only when the coordinator has recorded every task, so there is no join to forget and no 'finished' before the work is.";
    public override Props WorkerProps => Props.Create<SleepWorker>();
    protected override IReadOnlyList<WorkloadJob> DefineJobs() => [new(Name, Enumerable.Range(0, _processes).Select(i => new SleepTask(i, _seconds, Context.TimeScale)), _processes)];
    public override IEnumerable<string> Preamble =>
        [$"start: {_processes} tasks that sleep {WorkloadOptions.Show(_seconds)}s each (time scale {Context.TimeScale}); their workers say where they sleep"];

    public override string? Take(WorkloadJob job, TaskResult result) =>
        result.Result is SleepDone done ? $"process {done.Pid} Finished sleeping (task {done.ProcessId}, worker {result.Worker.Id})" : Failure(result);

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) => [$"Program finished in {runs.Single().MakespanMs / 1000:0.000} seconds"];
}
