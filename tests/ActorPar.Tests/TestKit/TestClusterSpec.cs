using ActorPar.TestKit;
using ActorPar.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ActorPar.Tests.TestKit;

/// <summary>
/// ActorPar.TestKit's cluster level: a coordinator and worker nodes in the test process, with
/// real remoting between them; a worker node killed or terminated mid-job, and what the
/// coordinator makes of it.
/// </summary>
public sealed class TestClusterSpec(ITestOutputHelper output)
{
    /// <summary>40 tasks of 100 ms on 4 workers: a job of about a second, so a node killed after the first results still holds tasks.</summary>
    private static readonly Job[] SlowJobs = Enumerable.Range(0, 40).Select(i => new Job(i, DelayMs: 100)).ToArray();

    private TestClusterOptions TwoNodes => new() { WorkerNodes = 2, Workers = 4, Output = output };

    [Fact]
    public async Task A_worker_node_killed_mid_job_is_lost_its_tasks_run_elsewhere_and_every_task_is_counted_once()
    {
        TestCluster<Job, long> cluster;
        await using (cluster = await TestCluster<Job, long>.StartAsync<SquareWorker>(TwoNodes))
        {
            var job = cluster.StartJob(SlowJobs);
            await job.WaitForResultsAsync(4);
            var killed = cluster.WorkerNodes[1].Address!;

            await cluster.KillWorkerNodeAsync(1);
            var outcome = await job.Completion;

            Assert.Equal(40, outcome.Report.Completed);
            Assert.Equal(0, outcome.Report.Failed);
            Assert.Equal(SlowJobs.Select(j => (long)j.Value * j.Value), outcome.Values);
            Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), outcome.Results.Select(r => r.Index));
            var lost = Assert.Single(outcome.Report.NodesLost);
            Assert.Equal(killed.ToString(), lost.Node);
            Assert.Equal(lost.TasksTakenBack, outcome.Report.Requeued);
            Assert.Equal(40, outcome.Report.PerNode.Values.Sum());
            Assert.True(cluster.WorkerNodes[1].Killed);
        }
        Assert.Equal(0, await cluster.WorkerNodes[0].Exited);
        Assert.True(cluster.WorkerNodes[1].Exited.IsCompleted);
    }

    [Fact]
    public async Task A_worker_node_sent_sigterm_mid_job_drains_leaves_with_143_and_nothing_is_lost()
    {
        await using var cluster = await TestCluster<Job, long>.StartAsync<SquareWorker>(TwoNodes);
        var job = cluster.StartJob(SlowJobs);
        await job.WaitForResultsAsync(4);

        Assert.Equal(143, await cluster.TerminateWorkerNodeAsync(0));
        var outcome = await job.Completion;

        Assert.Equal(40, outcome.Report.Completed);
        Assert.Equal(SlowJobs.Select(j => (long)j.Value * j.Value), outcome.Values);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), outcome.Results.Select(r => r.Index));
    }

    [Fact]
    public async Task A_worker_that_cannot_be_deployed_stops_the_start_with_the_line_a_node_prints()
    {
        Func<int> offset = () => 1;

        var error = await Assert.ThrowsAsync<ActorPar.Hosting.NodeStartException>(() =>
            TestCluster<int, int>.StartAsync(Akka.Actor.Props.Create<OffsetWorker>(offset), new TestClusterOptions { WorkerNodes = 1, Output = output }));

        Assert.StartsWith("constructor argument 1 of OffsetWorker (Func`1) cannot be sent to worker nodes: it is a delegate", error.Message);
    }
}
