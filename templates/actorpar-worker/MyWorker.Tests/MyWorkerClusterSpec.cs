using ActorPar.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace MyWorker.Tests;

/// <summary>MyWorker on a real little cluster: a coordinator and 2 worker nodes in this process.</summary>
public sealed class MyWorkerClusterSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task A_job_on_two_worker_nodes_returns_every_result_in_input_order()
    {
        await using var cluster = await TestCluster<Text, Counted>.StartAsync<MyWorker>(
            new TestClusterOptions { WorkerNodes = 2, Config = new ActorParTestConfig("MyWorker.conf"), Output = output });

        var job = await cluster.RunAsync(Enumerable.Range(1, 100).Select(n => new Text(string.Join(' ', Enumerable.Repeat("word", n)))));

        Assert.Equal(100, job.Report.Completed);
        Assert.Equal(Enumerable.Range(1, 100), job.Values.Select(c => c.Words));
    }
}
