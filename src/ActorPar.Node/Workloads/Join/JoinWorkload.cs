using ActorPar.Coordination;
using ActorPar.Node.Workloads.Sleep;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Join;

/// <summary>
/// Seed 003's <c>Process.start</c> / <c>join</c>: N tasks that each sleep, and then
/// <c>Program finished in X seconds</c>. The seed prints that line too early when it forgets
/// to join; here the line is written from the job's summary, which exists only once the
/// coordinator has recorded every task, so it cannot come first. The tasks run on
/// <see cref="SleepWorker"/>, which logs on its worker node which OS process sleeps.
/// </summary>
public sealed class JoinWorkload(int processes, double seconds, double timeScale) : Workload
{
    public override string Name => "join";

    public override string Point =>
        "start/join as messages: a job is over only when the coordinator has recorded every task, " +
        "so there is no join to forget and no 'finished' before the work is.";

    public override Props WorkerProps => Props.Create<SleepWorker>();

    protected override IEnumerable<object?> Inputs => Enumerable.Range(0, processes).Select(i => new SleepTask(i, seconds, timeScale));
    protected override long? Count => processes;

    public override IEnumerable<string> Preamble =>
        [$"start: {processes} tasks that sleep {WorkloadOptions.Show(seconds)}s each (time scale {timeScale}); their workers say where they sleep"];

    public override string? Line(WorkloadJob job, TaskResult result) => result.Result is SleepDone done
        ? $"process {done.Pid} Finished sleeping (task {done.ProcessId}, worker {result.Worker.Id})"
        : base.Line(job, result);

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs, RunTimings timings) =>
        [$"Program finished in {runs.Single().MakespanMs / 1000:0.000} seconds"];

    public override IReadOnlyDictionary<string, object?> ReportFields(IReadOnlyList<JobRun> runs, RunTimings timings) =>
        new Dictionary<string, object?>
        {
            ["processes"] = processes,
            ["seconds"] = seconds,
            ["time_scale"] = timeScale,
            ["program_finished_ms"] = runs.Count > 0 ? Math.Round(runs[0].MakespanMs, 1) : null,
        };
}
