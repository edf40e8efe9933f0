using System.Collections;

namespace ActorPar.Node.Workloads.Primes;

/// <summary>
/// The arithmetic of the primes workload: trial division (the CPU-bound work each task
/// does), the split of [2, M) into chunks, and a sieve that checks the total another way.
/// </summary>
public static class PrimeMath
{
    /// <summary>Whether <paramref name="n"/> is prime, by trial division with odd divisors up to its square root.</summary>
    public static bool IsPrime(long n)
    {
        if (n < 2) return false;
        if (n < 4) return true;
        if (n % 2 == 0 || n % 3 == 0) return false;
        for (long d = 5; d * d <= n; d += 6)
            if (n % d == 0 || n % (d + 2) == 0) return false;
        return true;
    }

    /// <summary>How many primes p satisfy <paramref name="from"/> &lt;= p &lt; <paramref name="to"/>.</summary>
    public static long CountPrimes(long from, long to)
    {
        long count = 0;
        for (var n = Math.Max(from, 2); n < to; n++)
            if (IsPrime(n)) count++;
        return count;
    }

    /// <summary>[0, <paramref name="limit"/>) cut into <paramref name="chunks"/> ranges of equal width, in order, with nothing left out.</summary>
    public static IEnumerable<PrimeRange> Chunks(long limit, int chunks)
    {
        if (chunks < 1) throw new ArgumentOutOfRangeException(nameof(chunks), chunks, "at least one chunk");
        for (var i = 0; i < chunks; i++)
            yield return new PrimeRange(limit * i / chunks, limit * (i + 1) / chunks);
    }

    /// <summary>The number of primes below <paramref name="limit"/>, by the sieve of Eratosthenes over odd numbers.</summary>
    public static long SieveCount(long limit)
    {
        if (limit <= 2) return 0;
        // bit i stands for the odd number 2i+1; 1 is not prime
        var odds = (int)(limit / 2);
        var composite = new BitArray(odds);
        composite[0] = true;
        for (long i = 1; (2 * i + 1) * (2 * i + 1) < limit; i++)
        {
            if (composite[(int)i]) continue;
            var p = 2 * i + 1;
            for (var multiple = p * p; multiple < limit; multiple += 2 * p) composite[(int)(multiple / 2)] = true;
        }
        long count = 1; // the prime 2
        for (var i = 0; i < odds; i++)
            if (!composite[i]) count++;
        return count;
    }
}
