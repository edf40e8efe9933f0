using System.Diagnostics;

namespace ActorPar.Node.Workloads.Counter;

/// <summary>
/// The seed's shared counter in one process, without actors: threads that each add 1 to a
/// shared total, either under a <c>lock</c> (exact) or not at all. Unsynchronized, an update
/// reads the total and writes back one more, as <c>total += 1</c> does; when two threads
/// read the same value, one of the two updates is lost.
/// </summary>
public sealed class SharedCounterRace
{
    private readonly object _gate = new();
    private long _total;

    /// <summary>What the counter workload shows beside the actor: the threads once with a lock, then <paramref name="races"/> times without, each timed.</summary>
    public static Comparison Compare(int threads, int updates, int races)
    {
        var clock = Stopwatch.StartNew();
        var locked = Run(threads, updates, locked: true);
        var lockedMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        long[] unsynchronized = [.. Enumerable.Range(0, races).Select(_ => Run(threads, updates, locked: false))];
        return new Comparison(locked, lockedMs, unsynchronized, clock.Elapsed.TotalMilliseconds / races);
    }

    /// <summary>The total with a lock and how long it took; the total of each unsynchronized run and how long one took on average.</summary>
    public sealed record Comparison(long Locked, double LockedMs, long[] Unsynchronized, double UnsynchronizedMs);

    /// <summary>Runs <paramref name="threads"/> threads of <paramref name="updates"/> updates each, started together; returns the total.</summary>
    public static long Run(int threads, int updates, bool locked)
    {
        var race = new SharedCounterRace();
        var ready = 0;
        var running = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            // Spin until every thread is here, so that the ones on the CPU start at the same moment
            // (a Barrier wakes them one by one, and short loops would then never overlap).
            Interlocked.Increment(ref ready);
            while (Volatile.Read(ref ready) < threads) Thread.SpinWait(20);
            if (locked) race.AddLocked(updates);
            else race.AddUnsynchronized(updates);
        })).ToArray();
        foreach (var thread in running) thread.Start();
        foreach (var thread in running) thread.Join();
        return race._total;
    }

    private void AddLocked(int updates)
    {
        for (var i = 0; i < updates; i++)
            lock (_gate) _total++;
    }

    private void AddUnsynchronized(int updates)
    {
        for (var i = 0; i < updates; i++)
        {
            var seen = Volatile.Read(ref _total); // read...
            Volatile.Write(ref _total, seen + 1); // ...and write back: another thread may have written in between
        }
    }
}
