using ActorPar.Node.Workloads.Chaos;
using ActorPar.Node.Workloads.Counter;
using ActorPar.Node.Workloads.Csv;
using ActorPar.Node.Workloads.Custom;
using ActorPar.Node.Workloads.Join;
using ActorPar.Node.Workloads.Map;
using ActorPar.Node.Workloads.Noop;
using ActorPar.Node.Workloads.Ping;
using ActorPar.Node.Workloads.Primes;
using ActorPar.Node.Workloads.Queue;
using ActorPar.Node.Workloads.Sleep;

namespace ActorPar.Node.Workloads;

/// <summary>Every workload the node program knows, in the order <c>--help</c> lists them. The first is the default.</summary>
public static class WorkloadCatalog
{
    public static IReadOnlyList<WorkloadCommand> All { get; } =
    [
        new QueueCommand(),
        new SleepCommand(),
        new JoinCommand(),
        new CsvCommand(),
        new PrimesCommand(),
        new CounterCommand(),
        new MapCommand(),
        new ChaosCommand(),
        new CustomCommand(),
        new NoopCommand(),
        new PingCommand(),
    ];
}
