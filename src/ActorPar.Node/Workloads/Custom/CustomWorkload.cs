using ActorPar.Coordination;
using ActorPar.Node.Workloads.Map;
using ActorPar.Workers;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Custom;

/// <summary>
/// Your own worker on the cluster: every line of the input file is one task for the worker
/// type named in configuration, deployed by the router onto the worker nodes from its own
/// assembly. Results are written as JSON Lines in input order (held only until every earlier
/// one is in), or as they complete. A task that throws is retried up to max-attempts, then
/// written with its error; the run then exits 1.
/// </summary>
public sealed class CustomWorkload(WorkerType worker, JsonLinesInput input, JsonLinesOutput? output, bool ordered) : Workload
{
    private readonly InputOrder<TaskResult> _order = new();
    private readonly List<string> _toPrint = [];
    private readonly List<int> _failedLines = [];
    private long? _count;
    private IReadOnlyList<WorkloadJob>? _jobs;

    public override string Name => "custom";

    public override string Point =>
        "Your own worker as an actor: deployed onto every worker node from its own assembly, fed by idle-worker pulls, " +
        "restarted by its supervisor when a task throws, and every result recorded exactly once.";

    public override Props WorkerProps => Props.Create(worker.Type);

    public override IReadOnlyList<WorkloadJob> Jobs => _jobs ??= [new WorkloadJob(Name, input.Tasks(), _count ??= input.Count())];

    public override IEnumerable<string> Preamble =>
    [
        $"{worker.Type.FullName} ({worker.Input.Name} -> {worker.Result.Name}) on {_count ??= input.Count()} task(s) from {input.Path}, " +
        (ordered ? "results in input order" : "results as they complete"),
    ];

    public override void Record(WorkloadJob job, TaskResult result)
    {
        if (ordered)
            foreach (var (_, inOrder) in _order.Add(result.Index, result)) Write(inOrder);
        else Write(result);
    }

    private void Write(TaskResult result)
    {
        var line = input.LineOf(result.Index);
        if (result.Failed) _failedLines.Add(line);
        var json = JsonLinesOutput.Format(result.Index, line, result.Result, result.Error);
        if (output is not null) output.Write(json);
        else _toPrint.Add(json);
    }

    /// <summary>The results <see cref="Record"/> released when there is no --output; with one, each failure as it happens.</summary>
    public override string? Line(WorkloadJob job, TaskResult result)
    {
        var lines = _toPrint.ToList();
        _toPrint.Clear();
        if (result.Failed && output is not null) lines.Add($"task {result.Index} (line {input.LineOf(result.Index)}) failed: {result.Error}");
        return lines.Count == 0 ? null : string.Join(Environment.NewLine, lines);
    }

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs, RunTimings timings)
    {
        var run = runs.Single();
        yield return $"{run.Summary.Completed} of {run.Summary.Submitted} task(s) done, {run.Summary.Failed} failed for good" +
                     (_failedLines.Count > 0 ? $" (line {string.Join(", ", _failedLines.Order().Take(20))}{(_failedLines.Count > 20 ? ", ..." : "")})" : "") +
                     $"; makespan {run.MakespanMs / 1000:0.00}s";
    }

    public override IReadOnlyDictionary<string, object?> ReportFields(IReadOnlyList<JobRun> runs, RunTimings timings) =>
        new Dictionary<string, object?>
        {
            ["worker_type"] = worker.Type.AssemblyQualifiedName,
            ["input"] = input.Path,
            ["ordered"] = ordered,
            ["failed_lines"] = _failedLines.Order().ToList(),
            ["makespan_ms"] = runs.Count > 0 ? Math.Round(runs[0].MakespanMs, 1) : null,
        };
}
