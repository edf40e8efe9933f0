using System.CommandLine;

namespace ActorPar.Node.Workloads.Noop;

/// <summary><c>coordinator noop</c>: trivial tasks streamed through the coordinator, to time dispatch alone.</summary>
public sealed class NoopCommand : WorkloadCommand
{
    private static readonly Option<long> Count = WorkloadOptions.Number("--count", "How many trivial tasks (f(x) = x) to run", 1_000_000L, 1L, 1_000_000_000L);

    public override string Name => "noop";
    public override string Description =>
        "Benchmark: N trivial tasks (f(x) = x), one worker per worker node, results as they complete; tasks/s is dispatch alone. --batch-max 1 sends them one by one.";
    public override IEnumerable<Option> Options => [Count];

    /// <summary>The Python baseline is a Queue read by one process per core: one worker per worker node.</summary>
    public override IEnumerable<KeyValuePair<string, string>> ConfigDefaults(ParseResult parse) =>
        [new("actorpar.coordinator.workers", "2")];

    public override Workload Create(ParseResult parse, WorkloadContext context) =>
        new NoopWorkload(parse.GetValue(Count), context.Config.GetInt("actorpar.coordinator.workers"),
            context.Config.GetInt("actorpar.coordinator.batch.max-size"));
}
