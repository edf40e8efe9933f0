using ActorPar.Node.Workloads.Sleep;

namespace ActorPar.Node.Workloads.Queue;

/// <summary>
/// The seed's queue demo, the default workload: 15 tasks of randint(1,5) seconds (ids 0-14),
/// then 11 of randint(2,6) seconds (ids 100-110). The seed clears its Event while tasks are
/// still queued and drops them; here the host's job line counts what completed and what did not.
/// The seed's <c>worker_func</c> sleeps for the task's time, as <see cref="SleepWorker"/> does.
/// </summary>
public sealed class QueueWorkload(WorkloadContext context) : Workload(context)
{
    public static WorkloadCommand Command { get; } = new("queue",
        "The seeds' Queue + Event demo: 26 sleeping tasks pulled by 3 workers, then a broadcast Stop (default).", (_, context) => new QueueWorkload(context));

    private readonly SleepTask[] _tasks = Generate(context.RandomSeed, context.TimeScale);

    public override string Point => "A Queue and an Event, as messages: workers pull tasks when idle, the coordinator tracks each one until it reports, and Stop goes out only when none is left.";
    public override Props WorkerProps => Props.Create<SleepWorker>();
    protected override IReadOnlyList<WorkloadJob> DefineJobs() => [new(Name, _tasks, _tasks.Length)];
    public override IEnumerable<string> Preamble => [$"random seed {Context.RandomSeed} (replay with --random-seed {Context.RandomSeed}), time scale {Context.TimeScale}"];

    public override string? Take(WorkloadJob job, TaskResult result) =>
        result.Result is SleepDone done ? $"worker id: {result.Worker.Id} task id: {done.ProcessId} task time: {WorkloadOptions.Show(done.Seconds)}s" : Failure(result);

    private double WorkSeconds => _tasks.Sum(t => t.Seconds) * Context.TimeScale;
    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) => [$"{WorkSeconds:0.##}s of work (the task times x time scale {Context.TimeScale})"];
    public override object Figures(IReadOnlyList<JobRun> runs) => new { WorkMs = Math.Round(WorkSeconds * 1000, 1) };

    /// <summary>The seed's two batches of tasks, from one seeded generator so that a run can be replayed.</summary>
    public static SleepTask[] Generate(int randomSeed, double timeScale)
    {
        var random = new Random(randomSeed);
        return [.. Enumerable.Range(0, 15).Select(i => new SleepTask(i, random.Next(1, 6), timeScale, SaysWhere: false)),
                .. Enumerable.Range(100, 11).Select(i => new SleepTask(i, random.Next(2, 7), timeScale, SaysWhere: false))];
    }
}
