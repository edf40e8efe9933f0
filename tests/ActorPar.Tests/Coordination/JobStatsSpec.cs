using ActorPar.Coordination;
using Xunit;

namespace ActorPar.Tests.Coordination;

/// <summary>Which worker nodes a job's report lists as joined while it ran.</summary>
public sealed class JobStatsSpec
{
    private const string Early = "akka.tcp://actorpar@127.0.0.1:4001";
    private const string Late = "akka.tcp://actorpar@127.0.0.1:4002";
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_000);

    [Fact]
    public void A_node_whose_workers_were_known_at_the_start_is_not_joined_even_when_its_Up_event_arrives_after_the_start()
    {
        var stats = new JobStats();
        stats.HostingWorkersAtStart([Early]);

        Assert.False(stats.NodeUp(Early, At));
        Assert.Empty(stats.NodesJoined);
    }

    [Fact]
    public void A_node_that_comes_Up_during_the_job_is_joined_once_however_often_it_is_reported()
    {
        var stats = new JobStats();
        stats.HostingWorkersAtStart([Early]);

        Assert.True(stats.NodeUp(Late, At));
        Assert.False(stats.NodeUp(Late, At.AddSeconds(1)));

        Assert.Equal([new NodeJoin(Late, At, null)], stats.NodesJoined);
    }

    [Fact]
    public void A_joined_node_records_its_first_work_once()
    {
        var stats = new JobStats();
        stats.NodeUp(Late, At);

        var first = stats.Dispatched(Late);
        var second = stats.Dispatched(Late);

        Assert.NotNull(first?.FirstWork);
        Assert.Null(second);
        Assert.Equal(first, Assert.Single(stats.NodesJoined));
    }
}
