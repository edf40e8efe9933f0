using ActorPar.Coordination;
using Xunit;

namespace ActorPar.Tests.Coordination;

public sealed class BatchSizerSpec
{
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void The_first_batch_is_one_task_because_nothing_is_known_about_task_times_yet()
    {
        Assert.Equal(1, new BatchSizer(Target, 4096).Next(remaining: null, workers: 2));
    }

    [Fact]
    public void Tiny_tasks_are_grouped_until_a_batch_takes_about_the_target_time()
    {
        var sizer = new BatchSizer(Target, 4096);

        sizer.Observe(elapsedMs: 0.1, tasks: 1); // 0.1 ms a task: 200 make 20 ms

        Assert.Equal(200, sizer.Next(remaining: null, workers: 2));
    }

    [Fact]
    public void Long_tasks_travel_one_at_a_time()
    {
        var sizer = new BatchSizer(Target, 4096);

        sizer.Observe(elapsedMs: 1500, tasks: 1);

        Assert.Equal(1, sizer.Next(remaining: null, workers: 2));
    }

    [Fact]
    public void A_batch_never_takes_more_than_a_workers_share_of_what_is_left()
    {
        var sizer = new BatchSizer(Target, 4096);
        sizer.Observe(elapsedMs: 0.001, tasks: 1);

        Assert.Equal(25, sizer.Next(remaining: 100, workers: 2));
    }

    [Fact]
    public void The_maximum_size_caps_every_batch_and_a_maximum_of_one_turns_batching_off()
    {
        var capped = new BatchSizer(Target, 64);
        var off = new BatchSizer(Target, 1);
        capped.Observe(0.001, 1);
        off.Observe(0.001, 1);

        Assert.Equal(64, capped.Next(null, 2));
        Assert.Equal(1, off.Next(null, 2));
    }

    [Fact]
    public void After_a_batch_is_lost_no_batch_is_ever_as_big_again()
    {
        var sizer = new BatchSizer(Target, 4096);
        sizer.Observe(0.001, 1);

        sizer.Shrink(lostSize: 4096);
        Assert.Equal(2048, sizer.Next(null, 2));
        sizer.Shrink(lostSize: 2);
        Assert.Equal(1, sizer.Next(null, 2));
    }
}
