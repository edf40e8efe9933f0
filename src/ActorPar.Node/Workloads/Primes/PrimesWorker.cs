namespace ActorPar.Node.Workloads.Primes;

/// <summary>
/// Counts the primes in one range by trial division: pure CPU work, which Python gives to
/// processes because of the GIL. Each worker actor computes on its own thread of its own
/// node process, and shares nothing with the others.
/// </summary>
public sealed class PrimesWorker : Worker<PrimeRange, long>
{
    protected override long Process(PrimeRange range) => PrimeMath.CountPrimes(range.From, range.To);
}

/// <summary>One task of the primes workload: count the primes p with <paramref name="From"/> &lt;= p &lt; <paramref name="To"/>. The result is a long.</summary>
public sealed record PrimeRange(long From, long To) : IActorParMessage;
