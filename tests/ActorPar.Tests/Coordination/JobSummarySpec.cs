using ActorPar.Coordination;
using Xunit;

namespace ActorPar.Tests.Coordination;

/// <summary>What an interrupted job's summary says about which tasks finished.</summary>
public sealed class JobSummarySpec
{
    private static JobSummary Interrupted(long submitted, params IndexRange[] unfinished) => new(
        "job", submitted, 0, 0, 0, 0, new Dictionary<string, long>(), new Dictionary<string, long>(),
        null, null, Interrupted: true, unfinished, [], []);

    [Fact]
    public void The_finished_tasks_are_every_position_the_unfinished_ranges_leave_out()
    {
        var summary = Interrupted(20, new IndexRange(3, 4), new IndexRange(10, 10), new IndexRange(15, 19));

        Assert.Equal([new IndexRange(0, 2), new IndexRange(5, 9), new IndexRange(11, 14)], summary.Finished());
    }

    [Fact]
    public void Inputs_never_read_count_as_unfinished_and_not_as_finished()
    {
        // 5 inputs read, positions 2 and 5-9 unresolved (5-9 were never read)
        var summary = Interrupted(5, new IndexRange(2, 2), new IndexRange(5, 9));

        Assert.Equal([new IndexRange(0, 1), new IndexRange(3, 4)], summary.Finished());
    }

    [Fact]
    public void A_job_stopped_before_any_task_finished_has_no_finished_tasks()
    {
        Assert.Empty(Interrupted(8, new IndexRange(0, 7)).Finished());
    }
}
