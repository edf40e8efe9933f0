using ActorPar.Coordination;
using Akka.Actor;
using Akka.TestKit;
using Xunit;

namespace ActorPar.Tests.Coordination;

/// <summary>The coordinator's bookkeeping of its workers, without an actor system's timing in the way.</summary>
public sealed class WorkerRosterSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestProbe _a;
    private readonly TestProbe _b;

    public WorkerRosterSpec() : base(Support.TestConfigs.Local())
    {
        _a = CreateTestProbe("a");
        _b = CreateTestProbe("b");
    }

    [Fact]
    public void A_worker_is_enlisted_once_with_one_id_however_often_it_is_seen()
    {
        var roster = new WorkerRoster();

        var first = roster.Enlist(_a.Ref, out var addedFirst);
        var again = roster.Enlist(_a.Ref, out var addedAgain);
        var other = roster.Enlist(_b.Ref, out _);

        Assert.True(addedFirst);
        Assert.False(addedAgain);
        Assert.Same(first, again);
        Assert.Equal([0, 1], new[] { first!.Info.Id, other!.Info.Id });
        Assert.Equal(2, roster.Count);
    }

    [Fact]
    public void A_worker_that_terminated_is_never_enlisted_again_even_by_a_message_that_arrives_after_its_Terminated()
    {
        // Death watch and ordinary messages travel apart: a worker's last report can come after
        // its Terminated. Enlisting it then gave it a second id: 4,000 workers were once counted
        // as 5,662 at the stop of a 16-node job.
        var roster = new WorkerRoster();
        var entry = roster.Enlist(_a.Ref, out _)!;

        var removed = roster.Remove(_a.Ref);
        var late = roster.Enlist(_a.Ref, out var added);

        Assert.Same(entry, removed);
        Assert.Null(late);
        Assert.False(added);
        Assert.Equal(0, roster.Count);
        Assert.Equal(entry.Info, roster.Departed(_a.Ref));
    }

    [Fact]
    public void A_report_of_a_chunk_closes_it_and_the_earlier_chunks_still_open_are_lost()
    {
        var worker = new WorkerRoster().Enlist(_a.Ref, out _)!;
        worker.Lend(1, size: 2);
        worker.Lend(2, size: 1);

        var lost = worker.Reported(2);

        Assert.Equal(new LostChunk(1, 2, "its report never arrived"), Assert.Single(lost));
        Assert.Equal(0, worker.Holding);
    }

    [Fact]
    public void A_request_says_which_chunks_arrived_so_the_ones_no_longer_held_are_lost_and_its_demand_counts_those_on_their_way()
    {
        var worker = new WorkerRoster().Enlist(_a.Ref, out _)!;
        worker.Lend(1, 1);
        worker.Lend(2, 1);
        worker.Lend(3, 1);

        // it received chunks 1 and 2, holds one of them, and has room for 3
        var lost = worker.Request(new RequestWork(3, LastBatch: 2, Holding: 1), lostAfter: TimeSpan.FromMinutes(1));

        Assert.Equal(1, Assert.Single(lost).Number);
        Assert.Equal(2, worker.Demand); // chunk 3 is still on its way
        Assert.Equal(2, worker.Holding);
    }

    [Fact]
    public void A_chunk_sent_longer_ago_than_lost_after_that_never_arrived_is_lost()
    {
        var worker = new WorkerRoster().Enlist(_a.Ref, out _)!;
        worker.Lend(7, 4);

        var lost = worker.Request(new RequestWork(1, LastBatch: 0, Holding: 0), lostAfter: TimeSpan.Zero);

        Assert.Equal(new LostChunk(7, 4, "it never arrived"), Assert.Single(lost));
        Assert.Equal(1, worker.Demand);
    }

    [Fact]
    public void Taking_back_a_workers_chunks_returns_them_in_the_order_they_were_lent_and_leaves_it_holding_and_owed_nothing()
    {
        var worker = new WorkerRoster().Enlist(_a.Ref, out _)!;
        worker.Lend(1, 2);
        worker.Lend(2, 1);
        worker.Demand = 2;

        Assert.Equal([(1L, 2), (2L, 1)], worker.TakeBack());
        Assert.Equal(0, worker.Holding);
        Assert.Equal(0, worker.Demand);
        Assert.Empty(worker.Reported(2)); // nothing left open to be lost
    }

    [Fact]
    public void A_chunk_handed_back_is_no_longer_held()
    {
        var worker = new WorkerRoster().Enlist(_a.Ref, out _)!;
        worker.Lend(1, 5);

        worker.Returned(1);

        Assert.Equal(0, worker.Holding);
    }

    [Fact]
    public void No_worker_is_reachable_when_every_node_with_workers_is_unreachable_and_one_is_again_when_its_node_comes_back()
    {
        var roster = new WorkerRoster();
        roster.Enlist(_a.Ref, out _);
        var node = _a.Ref.Path.Address;

        roster.Unreachable(node);
        Assert.True(roster.NoneReachable);

        roster.Reachable(node);
        Assert.False(roster.NoneReachable);
        Assert.Same(roster.Find(_a.Ref), Assert.Single(roster.OnNode(node)));
    }
}
