using ActorPar.Coordination;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Sleep;

/// <summary>
/// Seed 000's long-running jobs: tasks of 5, 2, 4, 1 and 5 seconds. In parallel (one worker
/// per task by default) they finish in order of length and the makespan is close to the
/// longest task; with <c>--serial</c> one worker takes them one after another, as the seed's
/// plain loop does, and the makespan is their sum.
/// </summary>
public sealed class SleepWorkload(IReadOnlyList<double> seconds, double timeScale, bool serial, int workers) : Workload
{
    private readonly SleepTask[] _tasks = seconds.Select((s, i) => new SleepTask(i, s, timeScale)).ToArray();

    public override string Name => "sleep";

    public override string Point =>
        "Processes become worker actors in other OS processes: the tasks run at once, report in the order they finish, " +
        "and the coordinator knows the moment the last one is done.";

    public override Props WorkerProps => Props.Create<SleepWorker>();

    public override IReadOnlyList<WorkloadJob> Jobs => field ??= [new WorkloadJob(serial ? "serial" : "parallel", _tasks, _tasks.Length, MaxWorkers: serial ? 1 : null)];

    /// <summary>Seconds the tasks take with nothing in between, after the time scale.</summary>
    public double IdealSeconds => (serial ? seconds.Sum() : seconds.Max()) * timeScale;

    public override IEnumerable<string> Preamble
    {
        get
        {
            yield return $"{_tasks.Length} tasks of [{string.Join(", ", seconds.Select(WorkloadOptions.Show))}] s, " +
                         (serial ? "one after another on one worker" : $"on {workers} workers at once") + $", time scale {timeScale}";
            if (!serial && workers < _tasks.Length)
                yield return $"note: {_tasks.Length} tasks on {workers} workers, so some wait for a free worker; --workers {_tasks.Length} runs them all at once";
        }
    }

    public override string? Line(WorkloadJob job, TaskResult result) => result.Result is SleepDone done
        ? $"Process id {done.ProcessId} - Complete - Task time: {WorkloadOptions.Show(done.Seconds)}s"
        : base.Line(job, result);

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs, RunTimings timings)
    {
        var makespan = runs.Single().MakespanMs / 1000;
        yield return serial
            ? $"makespan {makespan:0.00}s one after another; ideal {IdealSeconds:0.00}s (the sum of the tasks); in parallel the longest task bounds it: {seconds.Max() * timeScale:0.00}s"
            : $"makespan {makespan:0.00}s; ideal {IdealSeconds:0.00}s (the longest task); one after another they take {seconds.Sum() * timeScale:0.00}s (--serial)";
    }

    public override IReadOnlyDictionary<string, object?> ReportFields(IReadOnlyList<JobRun> runs, RunTimings timings) =>
        new Dictionary<string, object?>
        {
            ["mode"] = serial ? "serial" : "parallel",
            ["task_seconds"] = seconds,
            ["time_scale"] = timeScale,
            ["workers"] = serial ? 1 : workers,
            ["makespan_ms"] = runs.Count > 0 ? Math.Round(runs[0].MakespanMs, 1) : null,
            ["ideal_ms"] = Math.Round(IdealSeconds * 1000, 1),
        };
}
