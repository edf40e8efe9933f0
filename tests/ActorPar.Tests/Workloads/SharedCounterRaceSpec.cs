using ActorPar.Node.Workloads.Counter;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>The counter workload's in-process comparison: threads sharing a total, with and without a lock.</summary>
public sealed class SharedCounterRaceSpec
{
    [Fact]
    public void With_a_lock_every_update_counts()
    {
        Assert.Equal(8 * 20_000, SharedCounterRace.Run(threads: 8, updates: 20_000, locked: true));
    }

    [Fact]
    public void Without_one_updates_are_lost_in_at_least_one_of_twenty_runs_and_never_invented()
    {
        // How many are lost depends on how the threads overlap, and a run may lose none. Each
        // thread runs long enough (a million updates) to be preempted or to overlap another
        // between its read and its write; the runs stop at the first that loses updates.
        const int threads = 8, updates = 1_000_000;
        var totals = new List<long>();
        while (totals.Count < 20 && (totals.Count == 0 || totals[^1] == (long)threads * updates))
            totals.Add(SharedCounterRace.Run(threads, updates, locked: false));

        Assert.All(totals, total => Assert.True(total <= (long)threads * updates, $"{total} is more than the {threads * updates} updates made"));
        Assert.True(totals[^1] < (long)threads * updates, $"no update was lost in {totals.Count} runs: {string.Join(", ", totals)}");
    }

    [Fact]
    public void The_comparison_runs_the_lock_once_and_the_race_as_many_times_as_asked()
    {
        var comparison = SharedCounterRace.Compare(threads: 4, updates: 10_000, races: 3);

        Assert.Equal(40_000, comparison.Locked);
        Assert.Equal(3, comparison.Unsynchronized.Length);
        Assert.All(comparison.Unsynchronized, total => Assert.True(total <= 40_000, $"{total} is more than the 40,000 updates made"));
    }
}
