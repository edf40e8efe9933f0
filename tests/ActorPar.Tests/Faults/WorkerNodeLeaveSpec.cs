using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Faults;

/// <summary>
/// SIGTERM to a worker node mid-job: CoordinatedShutdown drains its workers (each finishes
/// its current task and reports it), the node leaves the cluster, and nothing is lost.
/// </summary>
public sealed partial class WorkerNodeLeaveSpec : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly LocalCluster _cluster = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_worker_node_sent_SIGTERM_finishes_its_current_tasks_then_leaves_and_nothing_is_lost()
    {
        // arrange: 12 tasks of 800 ms on 4 workers, 2 on each of 2 worker nodes
        await _cluster.StartCoordinatorAsync(
            ["chaos", "--tasks", "12", "--min-ms", "800", "--max-ms", "800", "--workers", "4", "--workers-per-node", "2"], workerNodes: 2);
        var leaving = _cluster.StartWorker();
        var staying = _cluster.StartWorker();
        await leaving.WaitForLineAsync(l => TaskStarted().IsMatch(l), Bound);

        // act
        leaving.Signal(Posix.SigTerm);
        var codes = await _cluster.WaitForAllToExitAsync(Bound);

        // assert: the node drained and exited with 143; the rest of the job ran elsewhere
        Assert.Equal(143, codes[leaving.Name]);
        Assert.Equal(0, codes["coordinator"]);
        Assert.Equal(0, codes[staying.Name]);
        Assert.Contains(leaving.Lines, l => l.Contains("signal received, draining workers and leaving"));
        Assert.Equal(2, leaving.Lines.Count(l => ShutdownLine().IsMatch(l)));

        var report = _cluster.Report();
        var tasks = report.GetProperty("tasks");
        Assert.Equal(12, tasks.GetProperty("completed").GetInt32());
        Assert.Equal(0, report.GetProperty("figures").GetProperty("lost").GetInt32());
        Assert.Equal(0, report.GetProperty("figures").GetProperty("counted_twice").GetInt32());

        // every task the node had started before the signal was finished there, not redone elsewhere
        var startedThere = leaving.Lines.Select(l => TaskStarted().Match(l)).Where(m => m.Success).Select(m => m.Groups["task"].Value).ToList();
        Assert.NotEmpty(startedThere);
        foreach (var task in startedThere)
            Assert.Contains(_cluster.Coordinator.Lines, l => l.StartsWith($"task {task} done by ") && l.EndsWith($" in process {leaving.Id}"));

        // the coordinator saw the node leave, not die
        Assert.DoesNotContain(_cluster.Coordinator.Lines, l => l.Contains(" unreachable ("));
    }

    [GeneratedRegex(@"task (?<task>\d+) started \(")]
    private static partial Regex TaskStarted();

    [GeneratedRegex(@"worker \d+ on \S+ shutting down")]
    private static partial Regex ShutdownLine();
}
