using ActorPar.Coordination;
using Xunit;

namespace ActorPar.Tests.Coordination;

public sealed class ChunkSizerSpec
{
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void The_first_chunk_is_one_element_because_nothing_is_known_about_element_times_yet()
    {
        Assert.Equal(1, new ChunkSizer(Target, 4096).Next(unlent: null, workers: 2));
    }

    [Fact]
    public void Tiny_elements_are_grouped_until_a_chunk_takes_about_the_target_time_growing_at_most_sixteen_times_a_step()
    {
        var sizer = new ChunkSizer(Target, 4096);

        sizer.Observe(elapsedMs: 0.1, elements: 1); // 0.1 ms an element: 200 make 20 ms
        Assert.Equal(16, sizer.Next(unlent: null, workers: 2));
        sizer.Observe(elapsedMs: 1.6, elements: 16);
        Assert.Equal(200, sizer.Next(unlent: null, workers: 2));
    }

    [Fact]
    public void Long_elements_travel_one_at_a_time()
    {
        var sizer = new ChunkSizer(Target, 4096);

        sizer.Observe(elapsedMs: 1500, elements: 1);

        Assert.Equal(1, sizer.Next(unlent: null, workers: 2));
    }

    [Fact]
    public void Near_the_end_a_chunk_takes_at_most_its_share_of_half_of_what_is_left_but_never_less_than_an_eighth_of_the_target()
    {
        var sizer = new ChunkSizer(Target, 4096);
        sizer.Observe(elapsedMs: 1.6, elements: 16); // 200 elements make the target

        Assert.Equal(30, sizer.Next(unlent: 120, workers: 2)); // 120 / (2 * 2)
        Assert.Equal(25, sizer.Next(unlent: 40, workers: 2)); // 200 / 8
    }

    [Fact]
    public void The_maximum_size_caps_every_chunk_and_a_maximum_of_one_sends_every_element_on_its_own()
    {
        var capped = new ChunkSizer(Target, 64);
        var off = new ChunkSizer(Target, 1);
        capped.Observe(0.064, 64);
        off.Observe(0.001, 1);

        Assert.Equal(64, capped.Next(null, 2));
        Assert.Equal(1, off.Next(null, 2));
    }

    [Fact]
    public void A_pinned_size_is_every_chunks_size_from_the_first_to_the_last()
    {
        var sizer = new ChunkSizer(Target, 4096, pinned: 100);

        Assert.Equal(100, sizer.Next(null, 2));
        sizer.Observe(1500, 1);
        Assert.Equal(100, sizer.Next(unlent: 10, workers: 2));
    }

    [Fact]
    public void After_a_chunk_is_lost_no_chunk_is_ever_as_big_again()
    {
        var sizer = new ChunkSizer(Target, 4096);
        sizer.Observe(4.096, 4096);

        sizer.Shrink(lostSize: 4096);
        Assert.Equal(2048, sizer.Next(null, 2));
        sizer.Shrink(lostSize: 2);
        Assert.Equal(1, sizer.Next(null, 2));
    }

    [Fact]
    public void The_report_gives_the_smallest_median_and_largest_size_lent()
    {
        var sizer = new ChunkSizer(Target, 4096);
        foreach (var size in new[] { 1, 16, 256, 256, 40 }) sizer.Sizes.Lent(size);

        var sizes = sizer.Sizes.Summary();

        Assert.Equal((5L, 1, 40, 256), (sizes.Lent, sizes.Min, sizes.Median, sizes.Max));
    }
}
