using ActorPar.Coordination;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Coordination;

/// <summary>Where workers go: the deployer's bookkeeping, without a cluster.</summary>
public sealed class DeploymentPlanSpec : Akka.TestKit.Xunit2.TestKit
{
    public DeploymentPlanSpec() : base(Support.TestConfigs.Local()) { }

    private static Address Node(int port) => new("akka.tcp", "actorpar", "127.0.0.1", port);

    /// <summary>Deploys until the plan says stop, one probe per worker; returns how many went to each node.</summary>
    private Dictionary<Address, int> Fill(DeploymentPlan plan)
    {
        var counts = new Dictionary<Address, int>();
        while (plan.NextTarget() is { } node)
        {
            plan.Deployed(node, CreateTestProbe().Ref);
            counts[node] = counts.GetValueOrDefault(node) + 1;
        }
        return counts;
    }

    [Fact]
    public void Workers_are_spread_evenly_up_to_the_total_and_never_beyond_the_most_per_node()
    {
        var plan = new DeploymentPlan(total: 7, perNode: 3);
        plan.NodeUp(Node(2));
        plan.NodeUp(Node(1));
        plan.NodeUp(Node(3));

        var counts = Fill(plan);

        Assert.Equal(7, plan.Count);
        Assert.Equal([3, 2, 2], counts.OrderBy(c => c.Key.Port).Select(c => c.Value));
        Assert.Null(plan.NextTarget());
    }

    [Fact]
    public void Without_room_on_any_node_nothing_more_is_deployed_until_a_node_comes_up()
    {
        var plan = new DeploymentPlan(total: 4, perNode: 2);
        plan.NodeUp(Node(1));

        Assert.Equal(2, Fill(plan)[Node(1)]);
        Assert.True(plan.NodeUp(Node(2)));
        Assert.False(plan.NodeUp(Node(2)));
        Assert.Equal(2, Fill(plan)[Node(2)]);
        Assert.Equal(4, plan.Count);
    }

    [Fact]
    public void An_unreachable_node_keeps_its_workers_but_gets_no_new_ones_until_it_is_reachable_again()
    {
        var plan = new DeploymentPlan(total: 4, perNode: 4);
        plan.NodeUp(Node(1));
        plan.Deployed(Node(1), CreateTestProbe().Ref);

        plan.Unreachable(Node(1));

        Assert.Null(plan.NextTarget());
        Assert.Equal(1, plan.Count);
        Assert.True(plan.NodeUp(Node(1)));
        Assert.Equal(3, Fill(plan)[Node(1)]);
    }

    [Fact]
    public void A_node_that_is_gone_gives_up_its_workers_and_those_go_where_there_is_room()
    {
        var plan = new DeploymentPlan(total: 4, perNode: 4);
        plan.NodeUp(Node(1));
        plan.NodeUp(Node(2));
        Fill(plan);

        var gone = plan.NodeGone(Node(1));

        Assert.Equal(2, gone.Count);
        Assert.Equal(2, plan.Count);
        Assert.All(gone, worker => Assert.DoesNotContain(worker, plan.Workers));
        Assert.Equal(2, Fill(plan)[Node(2)]);
        Assert.Empty(plan.NodeGone(Node(1)));
    }

    [Fact]
    public void A_worker_that_terminated_leaves_room_for_another_and_is_forgotten_once()
    {
        var plan = new DeploymentPlan(total: 2, perNode: 2);
        plan.NodeUp(Node(1));
        Fill(plan);
        var first = plan.Workers[0];

        Assert.True(plan.Remove(first));
        Assert.False(plan.Remove(first));
        Assert.Equal(Node(1), plan.NextTarget());
    }
}
