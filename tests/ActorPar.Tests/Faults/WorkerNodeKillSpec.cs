using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ActorPar.Tests.Faults;

/// <summary>
/// A worker node process dies mid-job, for good (SIGKILL) or for a while (SIGSTOP, then
/// SIGCONT): the coordinator takes its tasks back, the job completes, and every task is
/// counted once, even when the node presumed dead comes back with a late result.
/// </summary>
public sealed partial class WorkerNodeKillSpec(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly LocalCluster _cluster = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_worker_node_killed_mid_job_has_its_tasks_requeued_and_the_job_completes_with_each_task_counted_once()
    {
        // arrange: 16 tasks of 400-800 ms on 4 workers, 2 on each of 2 worker nodes
        await _cluster.StartCoordinatorAsync(
            ["chaos", "--tasks", "16", "--min-ms", "400", "--max-ms", "800", "--random-seed", "7", "--workers", "4", "--workers-per-node", "2"],
            workerNodes: 2);
        var victim = _cluster.StartWorker();
        var survivor = _cluster.StartWorker();
        var victimAddress = await JoinedAddressAsync(victim);

        // act: SIGKILL the node as soon as it has a task in hand
        await victim.WaitForLineAsync(l => l.Contains(" started ("), Bound);
        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        victim.Signal(Posix.SigKill);
        var codes = await _cluster.WaitForAllToExitAsync(Bound);

        // assert: the job completed without the dead node, which did not exit by itself
        Assert.Equal(0, codes["coordinator"]);
        Assert.Equal(0, codes[survivor.Name]);
        Assert.Equal(128 + Posix.SigKill, codes[victim.Name]);

        var report = _cluster.Report();
        var tasks = report.GetProperty("tasks");
        Assert.Equal(16, tasks.GetProperty("submitted").GetInt32());
        Assert.Equal(16, tasks.GetProperty("completed").GetInt32());
        Assert.True(tasks.GetProperty("requeued").GetInt32() >= 1, "the dead node's task was not requeued");
        Assert.Equal(0, report.GetProperty("figures").GetProperty("lost").GetInt32());
        Assert.Equal(0, report.GetProperty("figures").GetProperty("counted_twice").GetInt32());
        // every task reported once, as the coordinator printed it
        Assert.Equal(Enumerable.Range(0, 16), DoneLines(_cluster.Coordinator.Lines).Order());

        // the coordinator noticed: the member unreachable with its tasks taken back, then downed
        var loss = report.GetProperty("nodes_lost").EnumerateArray().First(l => l.GetProperty("node").GetString() == victimAddress);
        Assert.Equal("unreachable", loss.GetProperty("why").GetString());
        Assert.True(loss.GetProperty("tasks_taken_back").GetInt32() >= 1);
        var lines = _cluster.Coordinator.Lines.ToList();
        var unreachable = lines.FindIndex(l => l.Contains($"worker node {Short(victimAddress)} unreachable"));
        var downed = lines.FindIndex(l => l.Contains($"worker node {Short(victimAddress)} downed"));
        Assert.True(unreachable >= 0, "no unreachable line");
        Assert.True(downed > unreachable, "the node was not downed after it was unreachable");
        // the router dropped the dead node's two routees
        Assert.Contains(lines, l => l.Contains("the router has 2 worker(s), had 4"));

        var requeueMs = loss.GetProperty("at_unix_ms").GetInt64() - killedAt;
        output.WriteLine($"kill -> requeue: {requeueMs} ms ({loss.GetProperty("tasks_taken_back").GetInt32()} task(s) taken back)");
    }

    [Fact]
    public async Task A_late_result_from_a_node_presumed_dead_is_ignored_and_each_task_counts_once()
    {
        // arrange: ten CPU-bound tasks of 1 s, one worker on each of two nodes. A busy task
        // sends its outcome in the same step that computes it, so the frozen node's result
        // leaves before anything else reaches that worker. The split brain resolver waits 30 s
        // before downing, so the frozen node can come back. A task taken back goes to the front
        // of the queue, so the other node runs it again right after the task in its hands when
        // the failure detector spoke (under load that has taken over 2.5 s): with up to ~7 s of
        // detection, tasks are still queued then, and the job is open when the late copy comes.
        string[] patient = ["--set", "akka.cluster.split-brain-resolver.stable-after=30s"];
        await _cluster.StartCoordinatorAsync(
            ["chaos", "--tasks", "10", "--min-ms", "1000", "--max-ms", "1000", "--busy", "--workers", "2", "--workers-per-node", "1", .. patient],
            workerNodes: 2);
        var frozen = _cluster.StartWorker(patient);
        var other = _cluster.StartWorker(patient);
        var frozenTask = TaskStarted().Match(await frozen.WaitForLineAsync(l => TaskStarted().IsMatch(l), Bound)).Groups["task"].Value;

        // act: freeze the node mid-task until the other node has run that task again (the
        // tasks still queued keep the job open), then let the frozen node finish its copy
        frozen.Signal(Posix.SigStop);
        try
        {
            await _cluster.Coordinator.WaitForLineAsync(l => l.Contains(" unreachable (status Up): 1 task(s)"), Bound);
            await _cluster.Coordinator.WaitForLineAsync(l => l.StartsWith($"task {frozenTask} done by "), Bound);
        }
        finally
        {
            frozen.Signal(Posix.SigCont);
        }
        var codes = await _cluster.WaitForAllToExitAsync(Bound);
        foreach (var line in frozen.Lines) output.WriteLine($"[frozen] {line}");

        // assert: the frozen node came back and reported its copy, which was ignored
        Assert.All(codes, code => Assert.Equal(0, code.Value));
        Assert.Contains(_cluster.Coordinator.Lines, l => l.Contains("is reachable again"));
        var report = _cluster.Report();
        var tasks = report.GetProperty("tasks");
        Assert.Equal(10, tasks.GetProperty("completed").GetInt32());
        Assert.Equal(1, tasks.GetProperty("duplicates_ignored").GetInt32());
        Assert.Equal(0, report.GetProperty("figures").GetProperty("lost").GetInt32());
        Assert.Equal(0, report.GetProperty("figures").GetProperty("counted_twice").GetInt32());
        Assert.Equal(Enumerable.Range(0, 10), DoneLines(_cluster.Coordinator.Lines).Order());
        Assert.Contains(frozen.Lines, l => l.Contains($"task {frozenTask} started"));
    }

    private static async Task<string> JoinedAddressAsync(NodeProcess worker)
    {
        var line = await worker.WaitForLineAsync(l => l.Contains("worker node ") && l.Contains(" joined "), Bound);
        return "akka.tcp://" + JoinedLine().Match(line).Groups["address"].Value;
    }

    /// <summary>actorpar@127.0.0.1:4053 from akka.tcp://actorpar@127.0.0.1:4053, as the coordinator logs a node.</summary>
    private static string Short(string address) => address["akka.tcp://".Length..];

    private static IEnumerable<int> DoneLines(IEnumerable<string> lines) =>
        lines.Select(l => DoneLine().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups["task"].Value));

    [GeneratedRegex(@"worker node (?<address>\S+) joined ")]
    private static partial Regex JoinedLine();

    [GeneratedRegex(@"task (?<task>\d+) started \(")]
    private static partial Regex TaskStarted();

    [GeneratedRegex(@"^task (?<task>\d+) done by worker \d+ in process \d+$")]
    private static partial Regex DoneLine();
}
