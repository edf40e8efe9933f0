using ActorPar.Coordination;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Chaos;

/// <summary>
/// Tasks of random length (from a seeded generator, so a run can be replayed) for runs in
/// which worker nodes are killed, stopped, added or made to hang. It counts every result it
/// is shown by task position, so it checks the coordinator's promise from the outside:
/// no task lost, none counted twice. Either one makes the exit code 1.
/// </summary>
public sealed class ChaosWorkload(int tasks, int minMs, int maxMs, IReadOnlySet<int> hanging, bool busy, int randomSeed, double timeScale) : Workload
{
    private readonly ChaosTask[] _tasks = Generate(tasks, minMs, maxMs, hanging, busy, randomSeed, timeScale);
    private readonly int[] _seen = new int[tasks];

    public override string Name => "chaos";

    public override string Point =>
        "Kill worker nodes mid-job, stop them, add new ones: tasks of a lost node go back to the queue, late results are ignored, and every task is counted once.";

    public override Props WorkerProps => Props.Create<ChaosWorker>();
    protected override IEnumerable<object?> Inputs => _tasks;
    protected override long? Count => _tasks.Length;

    public override IEnumerable<string> Preamble =>
    [
        $"random seed {randomSeed} (replay with --random-seed {randomSeed}): {_tasks.Length} {(busy ? "busy " : "")}tasks of {minMs}-{maxMs} ms, " +
        $"{_tasks.Sum(t => t.Milliseconds) / 1000.0:0.##}s of work" + (hanging.Count > 0 ? $"; task(s) {string.Join(", ", hanging.Order())} never return" : ""),
    ];

    /// <summary>Results shown more than once (must be 0).</summary>
    public int CountedTwice => _seen.Sum(n => Math.Max(0, n - 1));

    /// <summary>Tasks of a job that was not interrupted that were never shown (must be 0).</summary>
    public int Lost(IReadOnlyList<JobRun> runs) =>
        runs.Any(r => r.Summary.Interrupted) ? 0 : _seen.Count(n => n == 0);

    public override void Record(WorkloadJob job, TaskResult result)
    {
        if (result.Index >= 0 && result.Index < _seen.Length) _seen[result.Index]++;
    }

    public override string? Line(WorkloadJob job, TaskResult result) => result.Result is ChaosTaskDone done
        ? $"task {done.Index} done by worker {result.Worker.Id} in process {done.Pid}"
        : base.Line(job, result);

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs, RunTimings timings)
    {
        var summary = runs.Single().Summary;
        yield return $"{summary.Completed} of {_tasks.Length} tasks completed, {summary.Failed} failed; lost {Lost(runs)}, counted twice {CountedTwice}; " +
                     $"{summary.Requeued} requeued, {summary.DuplicatesIgnored} late duplicate(s) ignored, {summary.NodesLost.Count} node loss(es)";
    }

    public override bool Verify(IReadOnlyList<JobRun> runs) => Lost(runs) == 0 && CountedTwice == 0;

    public override IReadOnlyDictionary<string, object?> ReportFields(IReadOnlyList<JobRun> runs, RunTimings timings) =>
        new Dictionary<string, object?>
        {
            ["random_seed"] = randomSeed,
            ["task_ms"] = new[] { minMs, maxMs },
            ["hanging"] = hanging.Order().ToArray(),
            ["busy"] = busy,
            ["lost"] = Lost(runs),
            ["counted_twice"] = CountedTwice,
        };

    /// <summary>Task lengths drawn from one seeded generator, so that a run can be replayed.</summary>
    public static ChaosTask[] Generate(int tasks, int minMs, int maxMs, IReadOnlySet<int> hanging, bool busy, int randomSeed, double timeScale)
    {
        var random = new Random(randomSeed);
        return Enumerable.Range(0, tasks)
            .Select(i => new ChaosTask(i, (int)Math.Round(random.Next(minMs, maxMs + 1) * timeScale), hanging.Contains(i), busy))
            .ToArray();
    }
}
