using ActorPar.Hosting;
using ActorPar.Pool;
using Collatz;

// Python:                                   C#, with ActorPar:
//   with Pool(processes=4) as pool:           await using var pool = await WorkerPool<Start, Steps>.StartAsync<CollatzWorker>(...);
//       pool.map(f, inputs)                   await pool.MapAsync(inputs);
//       pool.imap_unordered(f, inputs)        await foreach (var r in pool.StreamAsync(inputs)) ...
var count = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 10_000;

try
{
    // Starts this program as the cluster's seed, 2 worker node processes on this machine, and
    // 4 CollatzWorker actors on them; Start and Steps are allowed to travel automatically.
    await using var pool = await WorkerPool<Start, Steps>.StartAsync<CollatzWorker>(new PoolOptions { WorkerNodes = 2, Workers = 4 });
    Console.WriteLine($"pool: {pool.Workers} workers on 2 worker nodes, coordinator at {pool.Address}");

    // Pool.map: every result, in input order.
    var starts = Enumerable.Range(1, count).Select(i => new Start(i)).ToList();
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var steps = await pool.MapAsync(starts);
    Console.WriteLine($"map: {starts.Count} inputs through {pool.Workers} workers in {clock.Elapsed.TotalSeconds:0.00}s");
    var longest = steps.MaxBy(s => s.Count)!;
    Console.WriteLine($"map: {steps.Count} results in input order; first {steps[0]}, last {steps[^1]}");
    Console.WriteLine($"map: below {count + 1}, {longest.N} takes the most steps: {longest.Count} (peak {longest.Peak})");

    // imap_unordered: outcomes as they complete, failures included (a start of 0 throws in the worker).
    await foreach (var outcome in pool.StreamAsync([new Start(27), new Start(0), new Start(97)]))
        Console.WriteLine(outcome.Failed ? $"stream: input {outcome.Index} failed: {outcome.Error}" : $"stream: input {outcome.Index} -> {outcome.Result}");

    // Pool.map raises when a task fails for good; so does MapAsync, after the other tasks are done.
    try
    {
        await pool.MapAsync([new Start(6), new Start(-5)]);
    }
    catch (PoolJobException e)
    {
        Console.WriteLine($"map with a bad input: {e.Message}");
    }
    // Leaving the using block broadcasts Stop, stops the router and lets the worker nodes go.
}
catch (NodeStartException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
Console.WriteLine("pool stopped");
return 0;
