using System.Collections.Concurrent;
using ActorPar.Messaging;
using ActorPar.Workers;

namespace ActorPar.Tests.TestKit;

/// <summary>A task for <see cref="PatientWorker"/>: its key, and how it behaves.</summary>
public sealed record Errand(string Key, string Behaviour = "echo") : IActorParMessage;

/// <summary>
/// A worker that echoes its errand's key, or waits on its Lifetime token until the worker
/// stops or restarts; <see cref="WhenCancelled"/> says when an errand's token was cancelled.
/// </summary>
public sealed class PatientWorker : Worker<Errand, string>
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Cancelled = new();

    /// <summary>Completes once the Lifetime token of the errand <paramref name="key"/> has been cancelled.</summary>
    public static Task WhenCancelled(string key) => Cancelled.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private static void NoteCancelled(string key) => Cancelled.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    protected override async ValueTask<string> ProcessAsync(Errand errand, CancellationToken lifetime)
    {
        if (errand.Behaviour == "hang")
        {
            try { await Task.Delay(Timeout.Infinite, lifetime); }
            catch (OperationCanceledException) { NoteCancelled(errand.Key); throw; }
        }
        if (errand.Behaviour == "hold") lifetime.Register(() => NoteCancelled(errand.Key));
        if (errand.Behaviour == "throw") throw new InvalidOperationException($"no errand called {errand.Key}");
        return errand.Key;
    }
}

/// <summary>An input record that cannot be written: it carries a delegate.</summary>
public sealed record Closure(Func<int> Code) : IActorParMessage;

/// <summary>A worker whose input cannot travel, whatever the type list says.</summary>
public sealed class ClosureWorker : Worker<Closure, int>
{
    protected override int Process(Closure closure) => closure.Code();
}

/// <summary>A worker that forgot to say what it does.</summary>
public sealed class IdleWorker : Worker<int, int>;

/// <summary>A worker with a constructor argument, as WorkerPool and the router would create it.</summary>
public sealed class OffsetWorker(int offset) : Worker<int, int>
{
    protected override int Process(int input) => input + offset;
}

/// <summary>A record with no public constructor: MessagePack could write it but never rebuild it.</summary>
public sealed record Sealed
{
    private Sealed() { }
}

/// <summary>A worker whose result type cannot be rebuilt on the other side.</summary>
public sealed class SealedWorker : Worker<int, Sealed>
{
    protected override Sealed Process(int input) => throw new NotSupportedException();
}
