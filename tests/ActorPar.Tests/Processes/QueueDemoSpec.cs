using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>
/// The seeds' queue demo on a real cluster: one coordinator process and two worker node
/// processes, each started from the built node program, talking over 127.0.0.1.
/// </summary>
public sealed partial class QueueDemoSpec : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly LocalCluster _cluster = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Three_workers_on_two_nodes_complete_all_26_tasks_once_each_and_every_process_exits_cleanly()
    {
        // arrange
        await _cluster.StartCoordinatorAsync(["queue", "--time-scale", "0.02", "--random-seed", "11"], workerNodes: 2);
        _cluster.StartWorker();
        _cluster.StartWorker();

        // act
        var exitCodes = await _cluster.WaitForAllToExitAsync(Bound);

        // assert: every process exited with 0
        Assert.All(exitCodes, code => Assert.Equal(0, code.Value));

        // every one of the seed's task ids printed exactly once, as the seed prints it
        var taskIds = _cluster.Coordinator.Lines.Select(l => ResultLine().Match(l)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups["task"].Value)).ToList();
        Assert.Equal(26, taskIds.Count);
        Assert.Equal([.. Enumerable.Range(0, 15), .. Enumerable.Range(100, 11)], taskIds.Order());

        // each of the three workers logged its shutdown on a worker node
        var shutdowns = _cluster.Workers.SelectMany(w => w.Lines).Select(l => ShutdownLine().Match(l)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups["worker"].Value)).Order().ToList();
        Assert.Equal([0, 1, 2], shutdowns);

        // the report's counts
        var report = _cluster.Report();
        var tasks = report.GetProperty("tasks");
        Assert.Equal(0, report.GetProperty("exit_code").GetInt32());
        Assert.Equal(26, tasks.GetProperty("submitted").GetInt32());
        Assert.Equal(26, tasks.GetProperty("completed").GetInt32());
        Assert.Equal(0, tasks.GetProperty("failed").GetInt32());
        Assert.Equal(0, tasks.GetProperty("duplicates_ignored").GetInt32());
        Assert.Equal(0, tasks.GetProperty("requeued").GetInt32());
        Assert.Equal(2, report.GetProperty("per_node").EnumerateObject().Count());
        Assert.Equal(26, report.GetProperty("per_node").EnumerateObject().Sum(n => n.Value.GetInt32()));
        Assert.Equal(26, report.GetProperty("per_worker").EnumerateObject().Sum(n => n.Value.GetInt32()));
        var timings = report.GetProperty("timings_ms");
        Assert.True(timings.GetProperty("stop_latency").GetDouble() >= 0);
        Assert.True(timings.GetProperty("last_result").GetDouble() >= timings.GetProperty("first_dispatch").GetDouble());
    }

    [GeneratedRegex(@"^worker id: (?<worker>\d+) task id: (?<task>\d+) task time: \d+s$")]
    private static partial Regex ResultLine();

    [GeneratedRegex(@"worker (?<worker>\d+) on actorpar@127\.0\.0\.1:\d+ shutting down")]
    private static partial Regex ShutdownLine();
}
