namespace ActorPar.Node.Workloads;

/// <summary>Every workload the node program knows, in the order <c>--help</c> lists them. The first is the default.</summary>
public static class WorkloadCatalog
{
    public static IReadOnlyList<WorkloadCommand> All { get; } =
    [
        Queue.QueueWorkload.Command, Sleep.SleepWorkload.Command, Join.JoinWorkload.Command, Csv.CsvWorkload.Command, Primes.PrimesWorkload.Command,
        Counter.CounterWorkload.Command, Map.MapWorkload.Command, Chaos.ChaosWorkload.Command, Custom.CustomWorkload.Command, Noop.NoopWorkload.Command,
        Ping.PingWorkload.Command,
    ];
}
