using ActorPar.Node.Workloads.Counter;
using ActorPar.Tests.Support;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>
/// The counter workload's worker, with a real <see cref="SharedTotal"/>. Creators are
/// serialized in these specs, so creating the worker also checks that its one constructor
/// argument, the total's IActorRef, is something remote deployment can carry.
/// </summary>
public sealed class CounterWorkerSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local())
{
    [Fact]
    public async Task It_adds_every_update_to_the_shared_total_and_reports_the_total_after_its_own_updates()
    {
        var total = Sys.ActorOf(SharedTotal.Props());

        var done = await WorkerTasks.ResultAsync<CountTaskDone>(this, Props.Create(() => new CounterWorker(total)), new CountTask(4, 2_500, 100));

        Assert.Equal(new CountTaskDone(4, 2_500, 2_500), done);
    }

    [Fact]
    public async Task Workers_adding_at_the_same_time_lose_no_update_and_the_highest_total_seen_is_the_final_one()
    {
        // arrange
        var total = Sys.ActorOf(SharedTotal.Props());
        var props = Props.Create(() => new CounterWorker(total));

        // act: four workers, each adding 1,000 in windows of 50
        var done = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => WorkerTasks.ResultAsync<CountTaskDone>(this, props, new CountTask(i, 1_000, 50))));

        // assert
        Assert.Equal(4_000, done.Max(d => d.TotalSeen));
        total.Tell(new Sync(0));
        Assert.Equal(4_000, (await ExpectMsgAsync<Synced>()).Total);
    }
}
