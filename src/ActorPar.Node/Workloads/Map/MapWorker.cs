namespace ActorPar.Node.Workloads.Map;

/// <summary>
/// The function of <c>pool.map(f, range(N))</c>: f(x) = x * x. A task is so small that
/// sending it alone would cost more than computing it; the coordinator batches them.
/// Inputs and results are plain longs, which travel as they are, so there is no protocol file.
/// </summary>
public sealed class MapWorker : Worker<long, long>
{
    public static long F(long x) => x * x;

    protected override long Process(long x) => F(x);
}
