using ActorPar.Coordination;
using Akka.Actor;

namespace ActorPar.Node.Workloads;

/// <summary>
/// A job the coordinator node runs from the command line: the tasks, the worker actor that
/// processes them (its type must exist on every node), and how results are shown. Most
/// workloads are one job; one that compares (one worker against all, serial against
/// parallel) runs several jobs in turn on the same cluster.
/// </summary>
public abstract class Workload
{
    /// <summary>The name on the command line: <c>run-cluster.sh NAME</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line: what the actor version shows that the Python original cannot.</summary>
    public abstract string Point { get; }

    /// <summary>
    /// Runs once the cluster is up and before the workers are deployed, on the coordinator
    /// node: create the actors the workers will talk to, or the data they will read.
    /// </summary>
    public virtual Task PrepareAsync(ActorSystem system, CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>The worker the router deploys; only serializable constructor arguments.</summary>
    public abstract Props WorkerProps { get; }

    /// <summary>The jobs to run, in order. By default one job of <see cref="Inputs"/>.</summary>
    public virtual IReadOnlyList<WorkloadJob> Jobs => [new WorkloadJob(Name, Inputs, Count)];

    /// <summary>The task inputs of the default single job, read lazily by the coordinator.</summary>
    protected virtual IEnumerable<object?> Inputs => [];

    /// <summary>How many inputs the default single job has, when known up front.</summary>
    protected virtual long? Count => null;

    /// <summary>Lines printed before the first job starts.</summary>
    public virtual IEnumerable<string> Preamble => [];

    /// <summary>Takes in one result as it arrives (to add it up, check it, put it in order); called just before <see cref="Line"/>.</summary>
    public virtual void Record(WorkloadJob job, TaskResult result) { }

    /// <summary>The line printed for one result, or null to print none.</summary>
    public virtual string? Line(WorkloadJob job, TaskResult result) =>
        result.Failed ? $"task {result.Index} failed: {result.Error}" : null;

    /// <summary>Lines printed after the last job, from every job's summary and the run's times.</summary>
    public virtual IEnumerable<string> Summary(IReadOnlyList<JobRun> runs, RunTimings timings) => [];

    /// <summary>Whether the results are right, beyond every task completing; false makes the exit code 1.</summary>
    public virtual bool Verify(IReadOnlyList<JobRun> runs) => true;

    /// <summary>Figures this workload adds to the JSON report (speed-ups, rates, totals).</summary>
    public virtual IReadOnlyDictionary<string, object?> ReportFields(IReadOnlyList<JobRun> runs, RunTimings timings) =>
        new Dictionary<string, object?>();
}

/// <summary>One job of a workload: its inputs, and optionally the most workers it may use.</summary>
public sealed record WorkloadJob(string Name, IEnumerable<object?> Inputs, long? Count, int? MaxWorkers = null);

/// <summary>A finished job: its summary and its makespan (first task sent to last result in).</summary>
public sealed record JobRun(WorkloadJob Job, JobSummary Summary)
{
    public double MakespanMs => Summary.FirstDispatch is { } first && Summary.LastResult is { } last ? (last - first).TotalMilliseconds : 0;
}
