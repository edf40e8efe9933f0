using ActorPar.Chunks;
using ActorPar.Coordination;
using ActorPar.Tests.Support;
using Akka.Actor;
using Akka.Cluster;
using Akka.Routing;
using Xunit;

namespace ActorPar.Tests.Cluster;

/// <summary>
/// The real cluster-aware pool on one node that joins itself: routees are deployed from
/// gossip, the coordinator waits for them, and the stop sequence ends with the router gone.
/// </summary>
public sealed class ClusterRouterSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.ClusterNode("worker"))
{
    private static readonly CoordinatorSettings Settings = TestConfigs.Coordinator(
        "actorpar.coordinator { workers = 3, workers-per-node = 3, stop-timeout = 5s }");

    private async Task<IActorRef> StartCoordinatorOnUpNodeAsync()
    {
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        await AwaitAssertAsync(() => Assert.Equal(MemberStatus.Up, cluster.SelfMember.Status), TimeSpan.FromSeconds(10));
        var router = WorkerRouter.Props(Props.Create<SquareWorker>(), Settings, allowLocalRoutees: true);
        return Sys.ActorOf(Coordinator.Props(Settings, router), "coordinator");
    }

    /// <summary>Every result the listener (TestActor) is sent, until the job's summary.</summary>
    private async Task<(List<TaskResult> Results, JobSummary Summary)> CollectJobAsync()
    {
        var results = new List<TaskResult>();
        JobSummary? summary = null;
        await FishForMessageAsync(m =>
        {
            if (m is ResultsReady ready) results.AddRange(ready.Tasks());
            if (m is JobCompleted completed) summary = completed.Summary;
            return summary is not null;
        }, TimeSpan.FromSeconds(20));
        return (results, summary!);
    }

    [Fact]
    public async Task The_pool_starts_empty_and_fills_from_gossip_until_GetRoutees_shows_every_worker()
    {
        var coordinator = await StartCoordinatorOnUpNodeAsync();
        var router = Sys.ActorSelection(coordinator.Path / "workers");

        await AwaitAssertAsync(async () =>
        {
            var routees = await router.Ask<Routees>(GetRoutees.Instance, TimeSpan.FromSeconds(1));
            Assert.Equal(3, routees.Members.Count());
        }, TimeSpan.FromSeconds(10));

        coordinator.Tell(NotifyWhenReady.Instance, TestActor);
        Assert.Equal(3, (await ExpectMsgAsync<CoordinatorReady>()).Workers);
    }

    [Fact]
    public async Task A_job_runs_to_completion_through_the_pool_with_every_result_recorded_once()
    {
        var coordinator = await StartCoordinatorOnUpNodeAsync();

        coordinator.Tell(new SubmitJob("squares", JobInputs.From(Enumerable.Range(0, 500).Select(i => new Job(i)).ToArray()), TestActor));

        var (results, summary) = await CollectJobAsync();

        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i * i), results.OrderBy(r => r.Index).Select(r => (long)r.Result!));
        Assert.Equal(500, summary.Completed);
        Assert.Equal(0, summary.DuplicatesIgnored);
        Assert.Equal(500, summary.PerWorker.Values.Sum());
    }

    [Fact]
    public async Task After_the_stop_broadcast_every_worker_stops_and_then_the_router_is_stopped()
    {
        var coordinator = await StartCoordinatorOnUpNodeAsync();
        coordinator.Tell(NotifyWhenReady.Instance, TestActor);
        await ExpectMsgAsync<CoordinatorReady>(TimeSpan.FromSeconds(10));
        var router = await Sys.ActorSelection(coordinator.Path / "workers").ResolveOne(TimeSpan.FromSeconds(3));
        Watch(router);

        coordinator.Tell(StopWorkers.Instance, TestActor);

        var stopped = await ExpectMsgAsync<WorkersStopped>(TimeSpan.FromSeconds(10));
        Assert.Equal(3, stopped.Workers);
        Assert.False(stopped.TimedOut);
        await ExpectTerminatedAsync(router);
    }

    [Fact]
    public async Task A_task_that_throws_is_tried_again_and_fails_for_good_while_the_job_goes_on()
    {
        var coordinator = await StartCoordinatorOnUpNodeAsync();
        Job[] inputs = [new Job(1), new Job(2, "throw"), new Job(3)];

        coordinator.Tell(new SubmitJob("with-failure", JobInputs.From(inputs), TestActor));

        var (results, summary) = await CollectJobAsync();

        Assert.Equal(2, summary.Completed);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(2, summary.Retried); // tried three times in all
        Assert.Equal(0, summary.Requeued);
        var failed = Assert.Single(results, r => r.Failed);
        Assert.Equal(1, failed.Index);
        Assert.Equal("InvalidOperationException: cannot square 2", failed.Error);
    }
}
