using System.CommandLine;

namespace ActorPar.Node.Workloads.Ping;

/// <summary><c>coordinator ping</c>: one task at a time through one worker, to time a round trip.</summary>
public sealed class PingCommand : WorkloadCommand
{
    private static readonly Option<int> Count = WorkloadOptions.Number("--count", "How many round trips", 2000, 2, 10_000_000);

    public override string Name => "ping";
    public override string Description =>
        "Benchmark: N trivial tasks, one at a time through one worker (no batching, credit 1), so each result-to-result gap is one round trip between processes.";
    public override IEnumerable<Option> Options => [Count];

    /// <summary>One worker holding one task at a time: the next task leaves only when the last result is in.</summary>
    public override IEnumerable<KeyValuePair<string, string>> ConfigDefaults(ParseResult parse) =>
    [
        new("actorpar.coordinator.workers", "1"),
        new("actorpar.coordinator.batch.max-size", "1"),
        new("actorpar.coordinator.credit", "1"),
    ];

    public override Workload Create(ParseResult parse, WorkloadContext context) => new PingWorkload(parse.GetValue(Count));
}
