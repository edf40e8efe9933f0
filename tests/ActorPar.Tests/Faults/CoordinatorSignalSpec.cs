using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Faults;

/// <summary>
/// Ctrl-C (SIGINT) or SIGTERM to the coordinator mid-job: the Stop broadcast goes out, every
/// node exits, and the report says which tasks finished and which did not. The job is long
/// (10 s of tasks of 1 s on each worker) so that a signal sent late on a loaded machine still
/// lands mid-job. A signal before any job started stops the run in order too, and says so.
/// </summary>
public sealed partial class CoordinatorSignalSpec : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly LocalCluster _cluster = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_coordinator_interrupted_while_it_waits_for_worker_nodes_says_so_reports_it_and_exits_130()
    {
        await _cluster.StartCoordinatorAsync(["queue"], workerNodes: 2);

        _cluster.Coordinator.Signal(Posix.SigInt);
        var code = await _cluster.Coordinator.WaitForExitAsync(Bound);

        Assert.Equal(130, code);
        Assert.Empty(_cluster.Coordinator.ErrorLines);
        Assert.Contains("SIGINT: stopped before any job started; the worker nodes were asked to leave", _cluster.Coordinator.Lines);
        Assert.Contains(_cluster.Coordinator.Lines, l => l.StartsWith("total ") && l.EndsWith("; exit code 130"));
        var report = _cluster.Report();
        Assert.Equal(130, report.GetProperty("exit_code").GetInt32());
        Assert.Equal(0, report.GetProperty("tasks").GetProperty("submitted").GetInt32());
    }

    [Theory]
    [InlineData(Posix.SigInt, "SIGINT", 130)]
    [InlineData(Posix.SigTerm, "SIGTERM", 143)]
    public async Task A_coordinator_interrupted_mid_job_stops_every_worker_reports_what_finished_and_exits_with_the_signal_code(
        int signal, string name, int exitCode)
    {
        // arrange: 40 tasks of 1 s on 4 workers, 2 on each of 2 worker nodes
        await _cluster.StartCoordinatorAsync(
            ["chaos", "--tasks", "40", "--min-ms", "1000", "--max-ms", "1000", "--workers", "4", "--workers-per-node", "2"], workerNodes: 2);
        _cluster.StartWorker();
        _cluster.StartWorker();
        await _cluster.Coordinator.WaitForLineAsync(l => DoneLine().IsMatch(l), Bound);
        Assert.DoesNotContain(_cluster.Coordinator.Lines, l => l.StartsWith("broadcast Stop: ", StringComparison.Ordinal));

        // act
        _cluster.Coordinator.Signal(signal);
        var codes = await _cluster.WaitForAllToExitAsync(Bound);

        // assert: the coordinator exits with the signal's code, the worker nodes leave cleanly, no process is left
        Assert.Equal(exitCode, codes["coordinator"]);
        Assert.All(_cluster.Workers, w => Assert.Equal(0, codes[w.Name]));
        Assert.All(_cluster.Nodes, n => Assert.True(n.HasExited, $"{n.Name} is still running"));
        var lines = _cluster.Coordinator.Lines.ToList();
        Assert.Contains(lines, l => l.StartsWith($"{name}: broadcasting Stop"));
        Assert.Contains(lines, l => l.StartsWith("broadcast Stop: 4 workers stopped in "));
        Assert.Equal(4, _cluster.Workers.Sum(w => w.Lines.Count(l => ShutdownLine().IsMatch(l))));

        // the report: interrupted, with finished and unfinished tasks that together are every task, once
        var report = _cluster.Report();
        Assert.Equal(exitCode, report.GetProperty("exit_code").GetInt32());
        var finished = Expand(report.GetProperty("finished_tasks").EnumerateArray().Select(r => r.GetString()!));
        var unfinished = Expand(report.GetProperty("unfinished_tasks").EnumerateArray().Select(r => r.GetString()!));
        Assert.NotEmpty(finished);
        Assert.NotEmpty(unfinished);
        Assert.Equal(Enumerable.Range(0, 40), finished.Concat(unfinished).Order());
        Assert.Equal(report.GetProperty("tasks").GetProperty("completed").GetInt32(), finished.Count);
        // the finished ones are exactly those whose results were shown
        Assert.Equal(finished.Order(), lines.Select(l => DoneLine().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups["task"].Value)).Order());
        Assert.Contains(lines, l => l.StartsWith($"interrupted: {finished.Count} tasks finished (") && l.Contains($"{unfinished.Count} did not ("));
    }

    /// <summary>"0-9", "12" as 0..9, 12.</summary>
    private static List<int> Expand(IEnumerable<string> ranges) => ranges.SelectMany(r =>
    {
        var ends = r.Split('-').Select(int.Parse).ToArray();
        return Enumerable.Range(ends[0], ends[^1] - ends[0] + 1);
    }).ToList();

    [GeneratedRegex(@"^task (?<task>\d+) done by worker \d+ in process \d+$")]
    private static partial Regex DoneLine();

    [GeneratedRegex(@"worker \d+ on \S+ shutting down")]
    private static partial Regex ShutdownLine();
}
