using System.CommandLine;

namespace ActorPar.Node.Workloads.Join;

/// <summary><c>coordinator join</c>: seed 003's Process.start / join, without the join to forget.</summary>
public sealed class JoinCommand : WorkloadCommand
{
    private static readonly Option<int> Processes = WorkloadOptions.Number("--processes", "Sleeping tasks to start (the seed's Process objects)", 3, 1, 10_000);
    private static readonly Option<double> Seconds = WorkloadOptions.Number("--seconds", "How long each task sleeps", 1.0, 0.001, 3600);

    public override string Name => "join";
    public override string Description =>
        "Seed 003's Process.start / join: N sleeping tasks, then 'Program finished in X seconds', only once every one has completed.";
    public override IEnumerable<Option> Options => [Processes, Seconds];

    /// <summary>The seed starts one Process per task, so by default there is one worker per task.</summary>
    public override IEnumerable<KeyValuePair<string, string>> ConfigDefaults(ParseResult parse) =>
        [new("actorpar.coordinator.workers", parse.GetValue(Processes).ToString())];

    public override Workload Create(ParseResult parse, WorkloadContext context) =>
        new JoinWorkload(parse.GetValue(Processes), parse.GetValue(Seconds), context.TimeScale);
}
