using ActorPar.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace Collatz.Tests;

/// <summary>CollatzWorker on a real little cluster: a coordinator and 2 worker nodes in this process, with real remoting between them.</summary>
public sealed class CollatzClusterSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task A_job_on_two_worker_nodes_returns_every_result_in_input_order_and_reports_the_bad_start()
    {
        await using var cluster = await TestCluster<Start, Steps>.StartAsync<CollatzWorker>(
            new TestClusterOptions { WorkerNodes = 2, Workers = 4, Config = new ActorParTestConfig("collatz.conf"), Output = output });

        var job = await cluster.RunAsync([.. Enumerable.Range(1, 1000).Select(n => new Start(n)), new Start(0)]);

        Assert.Equal(1000, job.Report.Completed);
        Assert.Equal(1, job.Report.Failed);
        Assert.Equal(Enumerable.Range(1, 1000), job.Results.Take(1000).Select(r => (int)r.Result!.N));
        Assert.Equal(new Steps(871, 178, 190996), job.Results[870].Result);
        Assert.StartsWith("ArgumentOutOfRangeException: a Collatz sequence starts at 1 or more, not 0", job.Results[1000].Error);
        Assert.Empty(job.Report.NodesLost);
    }
}
