using System.CommandLine;

namespace ActorPar.Node.Workloads.Queue;

/// <summary><c>coordinator queue</c>: the seed's Queue and Event demo (the default workload).</summary>
public sealed class QueueCommand : WorkloadCommand
{
    public override string Name => "queue";
    public override string Description => "The seeds' Queue + Event demo: 26 sleeping tasks pulled by 3 workers, then a broadcast Stop (default).";
    public override Workload Create(ParseResult parse, WorkloadContext context) => new QueueWorkload(context.RandomSeed, context.TimeScale);
}
