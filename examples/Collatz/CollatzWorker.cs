using ActorPar.Workers;

namespace Collatz;

/// <summary>
/// Counts the steps of the Collatz sequence from N down to 1 (n -> n/2 when even, 3n+1 when
/// odd), and the highest value it reaches. A start below 1 has no sequence: the task throws,
/// is reported with its message, and the worker is restarted for the next task.
/// </summary>
public sealed class CollatzWorker : Worker<Start, Steps>
{
    protected override Steps Process(Start start)
    {
        if (start.N < 1) throw new ArgumentOutOfRangeException(nameof(start), $"a Collatz sequence starts at 1 or more, not {start.N}");
        long n = start.N, peak = n;
        var steps = 0;
        while (n != 1)
        {
            n = n % 2 == 0 ? n / 2 : checked(3 * n + 1);
            peak = Math.Max(peak, n);
            steps++;
        }
        return new Steps(start.N, steps, peak);
    }
}
