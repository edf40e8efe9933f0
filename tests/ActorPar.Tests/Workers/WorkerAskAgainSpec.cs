using ActorPar.Coordination;
using ActorPar.Tests.Support;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Workers;

/// <summary>
/// Sends are at most once: a worker that asked for work and was left waiting asks again,
/// saying which chunk it saw last and that it holds nothing, so the coordinator can put
/// back a chunk that was lost on the way.
/// </summary>
public sealed class WorkerAskAgainSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local("actorpar.worker.ask-again-after = 300ms"))
{
    [Fact]
    public async Task A_worker_left_waiting_asks_again_saying_which_chunk_it_saw_last()
    {
        var coordinator = CreateTestProbe();
        var worker = Sys.ActorOf(Props.Create<SquareWorker>());
        coordinator.Send(worker, new Welcome(3, 1));
        coordinator.Send(worker, WorkerTasks.Chunk(1, [new Job(2)]));
        await coordinator.ExpectMsgAsync<ChunkDone>(); // it asks for one more chunk, which never comes

        var again = await coordinator.ExpectMsgAsync<RequestWork>(TimeSpan.FromSeconds(5));

        Assert.Equal(1, again.Credit);
        Assert.Equal(1, again.LastBatch);
        Assert.Equal(0, again.Holding);
    }
}
