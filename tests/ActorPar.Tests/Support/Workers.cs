using ActorPar.Messaging;
using ActorPar.Workers;

namespace ActorPar.Tests.Support;

/// <summary>An input for the test workers: a number, and what to do with it.</summary>
public sealed record Job(int Value, string Behaviour = "square", int DelayMs = 0) : IActorParMessage;

/// <summary>
/// A worker for specs: squares its input, or throws, or waits first, as the input says.
/// Synchronous unless the input asks for a delay.
/// </summary>
public sealed class SquareWorker : Worker<Job, long>
{
    protected override long Process(Job job) => job.Behaviour switch
    {
        "throw" => throw new InvalidOperationException($"cannot square {job.Value}"),
        _ => (long)job.Value * job.Value,
    };

    protected override async ValueTask<long> ProcessAsync(Job job, CancellationToken cancellation)
    {
        if (job.DelayMs > 0) await Task.Delay(job.DelayMs, cancellation);
        return Process(job);
    }
}

/// <summary>A worker for specs of bulk maps: f(x) = x * x on plain longs, which travel as typed arrays.</summary>
public sealed class SquareNumberWorker : Worker<long, long>
{
    protected override long Process(long x) => x * x;
}

/// <summary>A worker for specs of cancelling: each element waits <see cref="DelayMs"/> (cancellably), then returns x * x.</summary>
public sealed class SlowNumberWorker : Worker<long, long>
{
    public const int DelayMs = 50;

    protected override async ValueTask<long> ProcessAsync(long x, CancellationToken cancellation)
    {
        await Task.Delay(DelayMs, cancellation);
        return x * x;
    }
}
