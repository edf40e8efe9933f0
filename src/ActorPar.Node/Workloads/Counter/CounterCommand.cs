using System.CommandLine;

namespace ActorPar.Node.Workloads.Counter;

/// <summary><c>coordinator counter</c>: seed 003's Lock, as an actor that owns the total, beside a lock and a race.</summary>
public sealed class CounterCommand : WorkloadCommand
{
    private static readonly Option<int> Tasks = WorkloadOptions.Number("--tasks", "Tasks, each adding to the total (and threads, in the in-process comparison)", 8, 1, 1000);
    private static readonly Option<int> Updates = WorkloadOptions.Number("--updates", "Updates (+1) per task", 25_000, 1, 10_000_000);
    private static readonly Option<int> Races = WorkloadOptions.Number("--races", "Times the unsynchronized threads run, to show that what they lose varies", 5, 1, 100);
    private static readonly Option<int> Window = WorkloadOptions.Number("--window", "Updates a worker sends before it waits for the total to acknowledge them", 1_000, 1, 1_000_000);

    public override string Name => "counter";
    public override string Description =>
        "Seed 003's Lock: workers add to a total owned by one actor (exact, no lock), beside the same updates in one process with a lock and unsynchronized (lost updates).";
    public override IEnumerable<Option> Options => [Tasks, Updates, Window, Races];

    /// <summary>One worker per task, so that every task adds at the same time as the others, like the threads beside it.</summary>
    public override IEnumerable<KeyValuePair<string, string>> ConfigDefaults(ParseResult parse) =>
        [new("actorpar.coordinator.workers", parse.GetValue(Tasks).ToString())];

    public override Workload Create(ParseResult parse, WorkloadContext context) =>
        new CounterWorkload(parse.GetValue(Tasks), parse.GetValue(Updates), parse.GetValue(Window), parse.GetValue(Races), context.Config.GetInt("actorpar.coordinator.workers"));
}
