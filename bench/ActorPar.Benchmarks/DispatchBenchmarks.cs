using ActorPar.Coordination;
using BenchmarkDotNet.Attributes;

namespace ActorPar.Benchmarks;

/// <summary>
/// The coordinator's bookkeeping for one job of trivial tasks, without any messaging: the
/// ChunkLedger lends chunks of a range that the ChunkSizer sizes, and records every chunk's
/// results, as Coordinator.Dispatch and Reported do. Time per op is the whole job.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private static readonly WorkerInfo Worker = new(0, "bench/worker", "bench");

    [Params(100_000)]
    public int Tasks { get; set; }

    [Params(1, 4096)]
    public int MaxBatch { get; set; }

    [Benchmark]
    public long Ledger_and_sizer()
    {
        var ledger = new ChunkLedger(0, ActorPar.Chunks.JobInputs.Range(0, Tasks).Open(() => { }), Tasks, maxAttempts: 3);
        var sizer = new ChunkSizer(TimeSpan.FromMilliseconds(20), MaxBatch);
        var resolved = new List<ActorPar.Chunks.ResultRun>();
        var retries = new RetrySummary();
        long number = 0;
        while (ledger.Take(sizer.Next(ledger.Unlent, workers: 2), ++number) is { } chunk)
        {
            ledger.Record(new ChunkDone(chunk.Number, chunk.Runs, chunk.Count, chunk.Inputs, [], chunk.Count * 0.0001, 1), Worker, resolved, retries);
            sizer.Observe(chunk.Count * 0.0001, chunk.Count);
            resolved.Clear();
        }
        return ledger.Completed;
    }
}
