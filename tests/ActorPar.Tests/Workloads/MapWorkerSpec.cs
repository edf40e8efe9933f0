using ActorPar.Node.Workloads.Map;
using ActorPar.Tests.Support;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>The map workload's worker: f(x) = x * x, a batch at a time.</summary>
public sealed class MapWorkerSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local())
{
    [Fact]
    public async Task It_computes_f_for_every_input_of_a_batch_in_order()
    {
        var outcomes = await WorkerTasks.RunAsync(this, Props.Create<MapWorker>(), Enumerable.Range(0, 100).Select(x => (object?)(long)x).ToArray());

        Assert.Equal(Enumerable.Range(0, 100).Select(x => (long)x * x), outcomes.Select(o => (long)o.Result!));
    }
}
