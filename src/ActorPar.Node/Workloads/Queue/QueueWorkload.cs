using ActorPar.Coordination;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Queue;

/// <summary>
/// The seed's queue demo: 15 tasks of randint(1,5) seconds (ids 0-14), then 11 tasks of
/// randint(2,6) seconds (ids 100-110), taken by 3 workers, then a broadcast Stop. The seed
/// clears its Event while tasks are still queued and silently drops them; here the Stop
/// goes out only when every task has reported.
/// </summary>
public sealed class QueueWorkload(int randomSeed, double timeScale) : Workload
{
    private readonly QueueTask[] _tasks = Generate(randomSeed, timeScale);

    public override string Name => "queue";

    public override string Point =>
        "A Queue and an Event, as messages: workers pull tasks when idle, the coordinator tracks each one until it reports, and Stop goes out only when none is left, so nothing is dropped.";

    public override Props WorkerProps => Props.Create<QueueWorker>();
    protected override IEnumerable<object?> Inputs => _tasks;
    protected override long? Count => _tasks.Length;

    public override IEnumerable<string> Preamble => [$"random seed {randomSeed} (replay with --random-seed {randomSeed}), time scale {timeScale}"];

    public override string? Line(WorkloadJob job, TaskResult result) => result.Result is QueueTaskDone done
        ? $"worker id: {result.Worker.Id} task id: {done.TaskId} task time: {done.Seconds}s"
        : base.Line(job, result);

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs, RunTimings timings)
    {
        var run = runs.Single();
        yield return $"{run.Summary.Completed} of {_tasks.Length} tasks done, none dropped; makespan {run.MakespanMs / 1000:0.00}s " +
                     $"for {_tasks.Sum(t => t.Seconds) * timeScale:0.##}s of work";
    }

    /// <summary>The seed's two batches of tasks, from one seeded generator so that a run can be replayed.</summary>
    public static QueueTask[] Generate(int randomSeed, double timeScale)
    {
        var random = new Random(randomSeed);
        var first = Enumerable.Range(0, 15).Select(i => new QueueTask(i, random.Next(1, 6), timeScale));
        var second = Enumerable.Range(100, 11).Select(i => new QueueTask(i, random.Next(2, 7), timeScale));
        return [.. first, .. second];
    }
}
