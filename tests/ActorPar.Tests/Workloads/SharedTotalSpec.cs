using ActorPar.Node.Workloads.Counter;
using ActorPar.Tests.Support;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>The actor that owns the counter workload's total.</summary>
public sealed class SharedTotalSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local())
{
    [Fact]
    public async Task It_applies_every_add_and_answers_a_sync_with_the_total()
    {
        var total = Sys.ActorOf(SharedTotal.Props());

        total.Tell(new Add(2));
        total.Tell(new Add(3));
        total.Tell(new Sync(0));

        Assert.Equal(5, (await ExpectMsgAsync<Synced>()).Total);
    }

    [Fact]
    public async Task Adds_sent_from_many_threads_at_once_are_all_counted_with_no_lock()
    {
        // arrange
        var total = Sys.ActorOf(SharedTotal.Props());
        const int senders = 8, updates = 10_000;

        // act: eight threads send at the same time, as the unsynchronized threads of the race do
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < updates; i++) total.Tell(new Add(1));
        })));
        total.Tell(new Sync(0));

        // assert
        Assert.Equal(senders * updates, (await ExpectMsgAsync<Synced>(TimeSpan.FromSeconds(30))).Total);
    }
}
