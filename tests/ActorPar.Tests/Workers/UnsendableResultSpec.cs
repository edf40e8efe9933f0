using ActorPar.Coordination;
using ActorPar.Tests.Support;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Workers;

/// <summary>
/// With the nodes' strict serialization rules, a result that no serializer can carry
/// becomes its task's error: the report of the whole chunk never vanishes on the way back.
/// </summary>
public sealed class UnsendableResultSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Strict())
{
    private sealed class UnsendableResultWorker : ActorPar.Workers.Worker<int, Func<int>>
    {
        protected override Func<int> Process(int input) => () => input;
    }

    [Fact]
    public async Task A_result_that_cannot_cross_the_network_becomes_that_tasks_error()
    {
        var coordinator = CreateTestProbe();
        var worker = Sys.ActorOf(Props.Create<UnsendableResultWorker>());
        coordinator.Send(worker, new Welcome(1, 1));

        coordinator.Send(worker, WorkerTasks.Chunk(1, [5]));

        var outcome = WorkerTasks.Outcomes(await coordinator.ExpectMsgAsync<ChunkDone>()).Single();
        Assert.Null(outcome.Result);
        Assert.Contains("cannot be sent back", outcome.Error);
    }
}
