using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Faults;

/// <summary>
/// A task that never returns, on real processes: the per-task timeout puts it back and
/// restarts its worker, which goes on with the other tasks; the task fails for good after
/// its last attempt, and the job ends instead of hanging.
/// </summary>
public sealed partial class HangingTaskSpec : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly LocalCluster _cluster = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_task_that_never_returns_times_out_is_tried_again_and_its_restarted_worker_finishes_the_rest()
    {
        // arrange: one worker; task 2 of 6 hangs; 1 s timeout, 2 attempts
        await _cluster.StartCoordinatorAsync(
            ["chaos", "--tasks", "6", "--min-ms", "100", "--max-ms", "100", "--hang", "2", "--task-timeout", "1s", "--max-attempts", "2", "--workers", "1"],
            workerNodes: 1);
        var node = _cluster.StartWorker();

        // act
        var codes = await _cluster.WaitForAllToExitAsync(Bound);

        // assert: the job ended, with task 2 failed for good and every other task done
        Assert.Equal(1, codes["coordinator"]); // a task failed
        Assert.Equal(0, codes[node.Name]);
        var lines = _cluster.Coordinator.Lines.ToList();
        Assert.Equal(2, lines.Count(l => l.Contains("has been silent for") && l.Contains("on task 2: restarting it")));
        Assert.Contains(lines, l => l == "task 2 failed: timed out after 1s");
        var report = _cluster.Report();
        var tasks = report.GetProperty("tasks");
        Assert.Equal(5, tasks.GetProperty("completed").GetInt32());
        Assert.Equal(1, tasks.GetProperty("failed").GetInt32());
        Assert.Equal(1, tasks.GetProperty("retried").GetInt32()); // alone in its chunk, its first timeout was a failed attempt
        Assert.Equal(2, node.Lines.Count(l => l.Contains("task 2 started")));

        // the restarted worker (still worker 0, the only one) went on with the tasks after the hung one
        var firstTimeout = lines.FindIndex(l => l.Contains("on task 2: restarting it"));
        Assert.Contains(lines.Skip(firstTimeout), l => DoneLine().IsMatch(l));
    }

    [GeneratedRegex(@"^task [3-5] done by worker 0 in process \d+$")]
    private static partial Regex DoneLine();
}
