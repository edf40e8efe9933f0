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
    public void Without_one_updates_can_be_lost_but_never_invented()
    {
        // How many are lost depends on how the threads overlap, so only the bound is certain.
        var total = SharedCounterRace.Run(threads: 8, updates: 20_000, locked: false);

        Assert.InRange(total, 2, 8 * 20_000);
    }
}
