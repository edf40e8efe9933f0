using ActorPar.Node.Workloads.Primes;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>The primes workload's arithmetic: trial division, the chunks, and the sieve that checks them.</summary>
public sealed class PrimeMathSpec
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(10, 4)]
    [InlineData(100, 25)]
    [InlineData(1_000, 168)]
    [InlineData(100_000, 9_592)]
    public void Trial_division_and_the_sieve_both_find_the_known_number_of_primes(long below, long primes)
    {
        Assert.Equal(primes, PrimeMath.CountPrimes(0, below));
        Assert.Equal(primes, PrimeMath.SieveCount(below));
    }

    [Fact]
    public void The_sieve_knows_the_default_limit_of_ten_million()
    {
        Assert.Equal(664_579, PrimeMath.SieveCount(10_000_000));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(25, false)]
    [InlineData(49, false)]
    [InlineData(97, true)]
    [InlineData(7_919, true)]
    [InlineData(1_000_000_007, true)]
    [InlineData(999_999_999, false)]
    public void Trial_division_tells_primes_from_composites(long n, bool prime)
    {
        Assert.Equal(prime, PrimeMath.IsPrime(n));
    }

    [Fact]
    public void Chunks_cover_the_range_once_in_order()
    {
        var chunks = PrimeMath.Chunks(1_000, 7).ToList();

        Assert.Equal(7, chunks.Count);
        Assert.Equal(0, chunks[0].From);
        Assert.Equal(1_000, chunks[^1].To);
        Assert.All(chunks.Zip(chunks.Skip(1)), pair => Assert.Equal(pair.First.To, pair.Second.From));
        Assert.Equal(168, chunks.Sum(c => PrimeMath.CountPrimes(c.From, c.To)));
    }
}
