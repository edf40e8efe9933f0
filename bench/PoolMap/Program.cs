using System.Diagnostics;
using ActorPar.Hosting;
using ActorPar.Pool;
using ActorPar.PoolMap;

// bench/run.sh's "MapAsync of N": Pool(2).map(f, range(N)) as a C# program writes it with
// ActorPar. Two worker nodes of one worker each (Python's Pool(2) has two processes), a warm-up
// map, then N inputs timed from the call to the last result in order. Prints one JSON line.
var count = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 100_000;
try
{
    await using var pool = await WorkerPool<long, long>.StartAsync<SquareWorker>(new PoolOptions { WorkerNodes = 2, Workers = 2 });
    await pool.MapAsync(Enumerable.Sequence(0L, 999L, 1L)); // every node has sent and read a chunk once
    var inputs = Enumerable.Sequence(0L, count - 1L, 1L);
    var clock = Stopwatch.StartNew();
    var results = await pool.MapAsync(inputs);
    var seconds = clock.Elapsed.TotalSeconds;
    for (var i = 0; i < count; i++)
        if (results[i] != (long)i * i) throw new InvalidOperationException($"result {i} is {results[i]}, not {(long)i * i}");
    Console.WriteLine($"{{\"count\": {count}, \"seconds\": {seconds:0.######}, \"tasks_per_second\": {count / seconds:0.#}}}");
}
catch (NodeStartException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
return 0;

namespace ActorPar.PoolMap
{
    /// <summary>f(x) = x * x, the function of the bulk map rows.</summary>
    public sealed class SquareWorker : ActorPar.Workers.Worker<long, long>
    {
        protected override long Process(long x) => x * x;
    }
}
