using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ActorPar.Tests.Faults;

/// <summary>
/// scripts/add-worker.sh adds a worker node to a running job: the router deploys workers
/// there, they get tasks at once, and the node leaves with the others when the job ends.
/// </summary>
public sealed partial class WorkerNodeJoinSpec(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly LocalCluster _cluster = new();
    private int? _addedPid;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_addedPid is { } pid && NodeProcess.IsRunning(pid)) Posix.Kill(pid, Posix.SigKill);
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_worker_node_added_mid_job_gets_workers_and_tasks_and_leaves_when_the_job_ends()
    {
        // arrange: room for 4 workers, 2 per node, but one worker node to start with
        await _cluster.StartCoordinatorAsync(
            ["chaos", "--tasks", "40", "--min-ms", "300", "--max-ms", "300", "--workers", "4", "--workers-per-node", "2"], workerNodes: 1);
        _cluster.StartWorker();
        await _cluster.Coordinator.WaitForLineAsync(l => l.StartsWith("task ") && l.Contains(" done by "), Bound);

        // act
        await using var script = NodeProcess.StartScript("add-worker", "scripts/add-worker.sh", ["--seed", _cluster.Seed, "--run-dir", _cluster.Folder]);
        Assert.Equal(0, await script.WaitForExitAsync(Bound));
        var added = AddedLine().Match(script.Lines.Single(l => AddedLine().IsMatch(l)));
        _addedPid = int.Parse(added.Groups["pid"].Value);
        var address = added.Groups["address"].Value;
        var codes = await _cluster.WaitForAllToExitAsync(Bound);

        // assert: the job completed, and the new node did part of it
        Assert.All(codes, code => Assert.Equal(0, code.Value));
        var report = _cluster.Report();
        Assert.Equal(40, report.GetProperty("tasks").GetProperty("completed").GetInt32());
        Assert.Equal(0, report.GetProperty("figures").GetProperty("lost").GetInt32());
        Assert.Equal(0, report.GetProperty("figures").GetProperty("counted_twice").GetInt32());
        Assert.True(report.GetProperty("per_node").GetProperty(address).GetInt32() > 0, "the added node did no task");
        Assert.Contains(_cluster.Coordinator.Lines, l => l.Contains("the router has 4 worker(s), had 2"));
        var join = report.GetProperty("nodes_joined").EnumerateArray().Single(j => j.GetProperty("node").GetString() == address);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, join.GetProperty("first_work_unix_ms").ValueKind);

        // the added node left with the others
        await WaitUntilGoneAsync(_addedPid.Value, Bound);
        Assert.Contains(File.ReadAllLines(added.Groups["log"].Value), l => l.Contains("shutting down"));
        output.WriteLine($"join -> first work: {join.GetProperty("up_to_first_work_ms").GetDouble():0} ms (Up to its first task)");
    }

    private static async Task WaitUntilGoneAsync(int pid, TimeSpan bound)
    {
        using var deadline = new CancellationTokenSource(bound);
        while (NodeProcess.IsRunning(pid))
        {
            if (deadline.IsCancellationRequested) throw new TimeoutException($"the added node {pid} did not exit within {bound.TotalSeconds}s");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^(?<name>worker-\d+) \(pid (?<pid>\d+)\) joined as (?<address>\S+); log: (?<log>.+)$")]
    private static partial Regex AddedLine();
}
