using ActorPar.Node.Workloads.Primes;
using ActorPar.Tests.Support;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>The primes workload's worker: counts the primes of one range.</summary>
public sealed class PrimesWorkerSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local())
{
    [Fact]
    public async Task It_counts_the_primes_of_each_range_it_is_given()
    {
        var outcomes = await WorkerTasks.RunAsync(this, Props.Create<PrimesWorker>(), new PrimeRange(0, 100), new PrimeRange(100, 1_000));

        Assert.Equal([25L, 143L], outcomes.Select(o => (long)o.Result!));
    }
}
