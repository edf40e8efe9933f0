using System.CommandLine;

namespace ActorPar.Node.Workloads.Sleep;

/// <summary><c>coordinator sleep</c>: seed 000's five long-running processes, in parallel or with <c>--serial</c>.</summary>
public sealed class SleepCommand : WorkloadCommand
{
    private static readonly Option<double[]> Tasks = WorkloadOptions.Seconds("--tasks", "How long each task sleeps, in seconds", [5, 2, 4, 1, 5]);
    private static readonly Option<bool> Serial = WorkloadOptions.Switch("--serial", "Run the tasks one after another on one worker, like the seed's plain loop");

    public override string Name => "sleep";
    public override string Description =>
        "Seed 000's long jobs: tasks of 5,2,4,1,5 s run at once (one worker per task unless --workers) and finish in order of length; --serial for comparison.";
    public override IEnumerable<Option> Options => [Tasks, Serial];

    /// <summary>The seed starts one Process per task, so by default there is one worker per task.</summary>
    public override IEnumerable<KeyValuePair<string, string>> ConfigDefaults(ParseResult parse) =>
        [new("actorpar.coordinator.workers", (parse.GetValue(Tasks) ?? []).Length.ToString())];

    public override Workload Create(ParseResult parse, WorkloadContext context) =>
        new SleepWorkload(parse.GetValue(Tasks)!, context.TimeScale, parse.GetValue(Serial), context.Config.GetInt("actorpar.coordinator.workers"));
}
