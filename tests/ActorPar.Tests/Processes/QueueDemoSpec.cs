using System.Text.RegularExpressions;
using ActorPar.Node.Workloads.Queue;
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

        // the report's counts, and the job line that states them
        var report = _cluster.Report();
        var tasks = report.GetProperty("tasks");
        Assert.Equal(0, report.GetProperty("exit_code").GetInt32());
        Assert.Equal(26, tasks.GetProperty("submitted").GetInt32());
        Assert.Equal(26, tasks.GetProperty("completed").GetInt32());
        Assert.Equal(0, tasks.GetProperty("failed").GetInt32());
        Assert.Equal(0, tasks.GetProperty("duplicates_ignored").GetInt32());
        Assert.Equal(0, tasks.GetProperty("requeued").GetInt32());
        Assert.Equal(3, report.GetProperty("workers").GetInt32());
        Assert.Equal(2, report.GetProperty("per_node").EnumerateObject().Count());
        Assert.Equal(26, report.GetProperty("per_node").EnumerateObject().Sum(n => n.Value.GetInt32()));
        Assert.Equal(26, report.GetProperty("per_worker").EnumerateObject().Sum(n => n.Value.GetInt32()));
        Assert.Contains(_cluster.Coordinator.Lines, l => l.StartsWith("queue: 26 of 26 tasks completed, 0 failed, 0 unfinished; makespan "));

        // no task sleeps less than its time, so the makespan is at least the longest task, and at least the work shared by 3 workers
        var seconds = QueueWorkload.Generate(11, 0.02).Select(t => t.Seconds * 0.02 * 1000).ToList();
        var makespan = report.GetProperty("timings_ms").GetProperty("makespan").GetDouble();
        Assert.True(makespan >= seconds.Max(), $"makespan {makespan} ms, the longest task sleeps {seconds.Max()} ms");
        Assert.True(makespan >= seconds.Sum() / 3, $"makespan {makespan} ms, the tasks sleep {seconds.Sum()} ms on 3 workers");
        Assert.Equal(seconds.Sum(), report.GetProperty("figures").GetProperty("work_ms").GetDouble(), 0.05);

        // the stop latency the report gives is the one the coordinator printed
        var stop = _cluster.Coordinator.Lines.Select(l => StopLine().Match(l)).Single(m => m.Success);
        Assert.Equal(3, int.Parse(stop.Groups["workers"].Value));
        Assert.Equal(double.Parse(stop.Groups["ms"].Value, System.Globalization.CultureInfo.InvariantCulture),
            report.GetProperty("timings_ms").GetProperty("stop_latency").GetDouble(), 0.06); // both rounded to 0.1 ms
    }

    [GeneratedRegex(@"^broadcast Stop: (?<workers>\d+) workers stopped in (?<ms>\d+\.\d) ms$")]
    private static partial Regex StopLine();

    [GeneratedRegex(@"^worker id: (?<worker>\d+) task id: (?<task>\d+) task time: \d+s$")]
    private static partial Regex ResultLine();

    [GeneratedRegex(@"worker (?<worker>\d+) on actorpar@127\.0\.0\.1:\d+ shutting down")]
    private static partial Regex ShutdownLine();
}
