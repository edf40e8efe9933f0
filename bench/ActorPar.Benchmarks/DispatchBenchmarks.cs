using ActorPar.Coordination;
using BenchmarkDotNet.Attributes;

namespace ActorPar.Benchmarks;

/// <summary>
/// The coordinator's bookkeeping for one job of trivial tasks, without any messaging: the
/// TaskLedger lends every task in batches that the BatchSizer sizes, and records every
/// outcome, as Coordinator.Dispatch and HandleWorkDone do. Time per op is the whole job.
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
        var inputs = Enumerable.Range(0, Tasks).Select(i => (object?)(long)i);
        var ledger = new TaskLedger(0, inputs, maxAttempts: 3);
        var sizer = new BatchSizer(TimeSpan.FromMilliseconds(20), MaxBatch);
        var batch = new List<TaskItem>();
        long remaining = Tasks, completed = 0;
        while (true)
        {
            batch.Clear();
            var size = sizer.Next(remaining, workers: 2);
            while (batch.Count < size && ledger.Take() is { } task) batch.Add(task);
            if (batch.Count == 0) break;
            foreach (var task in batch)
                if (ledger.Record(new TaskOutcome(task.Id, task.Input, null), Worker, out _) == OutcomeVerdict.Completed)
                    completed++;
            sizer.Observe(batch.Count * 0.0001, batch.Count);
            remaining -= batch.Count;
        }
        return completed;
    }
}
