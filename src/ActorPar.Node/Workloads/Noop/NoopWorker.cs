namespace ActorPar.Node.Workloads.Noop;

/// <summary>
/// A task that does nothing: it returns its input. What is left to time is the work of
/// moving a task to a worker in another process and its result back, which is what the
/// <c>noop</c> and <c>ping</c> benchmark workloads measure.
/// </summary>
public sealed class NoopWorker : Worker<long, long>
{
    protected override long Process(long x) => x;
}
