using ActorPar.Node.Workloads.Map;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>How the map workload puts results that arrive in any order back into input order.</summary>
public sealed class InputOrderSpec
{
    [Fact]
    public void Results_in_order_are_released_at_once()
    {
        var order = new InputOrder<string>();

        Assert.Equal([(0L, "a")], order.Add(0, "a"));
        Assert.Equal([(1L, "b")], order.Add(1, "b"));
        Assert.Equal(0, order.MostWaiting);
    }

    [Fact]
    public void A_result_waits_for_every_earlier_one_and_then_they_go_out_together_in_input_order()
    {
        var order = new InputOrder<string>();

        Assert.Empty(order.Add(2, "c"));
        Assert.Empty(order.Add(1, "b"));
        Assert.Equal([(0L, "a"), (1L, "b"), (2L, "c")], order.Add(0, "a"));
        Assert.Empty(order.Add(4, "e"));
        Assert.Equal([(3L, "d"), (4L, "e")], order.Add(3, "d"));

        Assert.Equal(5, order.Next);
        Assert.Equal(2, order.MostWaiting);
    }

    [Fact]
    public void Any_arrival_order_comes_out_as_the_input_order()
    {
        var order = new InputOrder<long>();
        var arrival = Enumerable.Range(0, 1_000).Select(i => (long)i).OrderBy(i => (i * 7919) % 1_000).ToList();

        var released = arrival.SelectMany(i => order.Add(i, i * i)).ToList();

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (long)i), released.Select(r => r.Index));
        Assert.All(released, r => Assert.Equal(r.Index * r.Index, r.Value));
    }

    [Fact]
    public void A_second_result_for_the_same_input_is_refused()
    {
        var order = new InputOrder<int>();
        order.Add(1, 1);

        Assert.Throws<ArgumentException>(() => order.Add(1, 1));
        order.Add(0, 0);
        Assert.Throws<ArgumentException>(() => order.Add(0, 0));
    }
}
