using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>
/// Seed 003's Lock on a real cluster: workers on two worker nodes add to a total owned by an
/// actor on the coordinator node, which they reach through the IActorRef remote deployment gave them.
/// </summary>
public sealed class CounterDemoSpec
{
    [Fact]
    public async Task The_actor_owned_total_is_exact_the_locked_one_too_and_the_unsynchronized_one_never_more()
    {
        var run = await WorkloadRun.RunAsync(["counter", "--tasks", "4", "--updates", "2000", "--window", "250", "--races", "2"]);

        run.AssertEveryNodeExitedZero();
        var report = run.RequiredReport;
        var figures = report.GetProperty("figures");
        Assert.Equal(8_000, figures.GetProperty("expected_total").GetInt64());
        Assert.Equal(8_000, figures.GetProperty("actor_total").GetInt64());
        Assert.Equal(8_000, figures.GetProperty("lock_total").GetInt64());
        // how many updates the race loses depends on how the threads overlap, but it can never make more than were made
        var unsynchronized = figures.GetProperty("unsynchronized_totals").EnumerateArray().Select(t => t.GetInt64()).ToList();
        Assert.Equal(2, unsynchronized.Count);
        Assert.All(unsynchronized, total => Assert.True(total <= 8_000, $"{total} is more than the 8,000 updates made"));
        Assert.Equal(unsynchronized.Select(total => 8_000 - total), figures.GetProperty("lost_updates").EnumerateArray().Select(t => t.GetInt64()));
        Assert.Equal(4, report.GetProperty("workers").GetInt32()); // one per task
        // Workers pull: the job starts as soon as the four are deployed, and a node whose workers
        // ask first may run every task (four tasks of a few ms), so only the sum is exact.
        Assert.InRange(report.GetProperty("per_node").EnumerateObject().Count(), 1, 2);
        Assert.Equal(4, report.GetProperty("per_node").EnumerateObject().Sum(n => n.Value.GetInt32()));
        Assert.Contains(run.Lines, l => l == "actor-owned total: 8,000 of 8,000 (exact, no lock)");
        Assert.Contains(run.Lines, l => l.StartsWith("  with a lock:    8,000 (exact) in "));
    }
}
