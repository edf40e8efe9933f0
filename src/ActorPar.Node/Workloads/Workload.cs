namespace ActorPar.Node.Workloads;

/// <summary>
/// A job the coordinator node runs from the command line, defined in one class: its subcommand
/// and options (a static <see cref="WorkloadCommand"/>), the worker the router deploys, its jobs,
/// how a result becomes a line, and what only it measures. What every workload shares (the counts,
/// a line per job with its makespan, the timings) the host prints and reports. A workload that
/// compares (one worker against all, say) runs several jobs in turn on the same cluster.
/// </summary>
public abstract class Workload(WorkloadContext context)
{
    /// <summary>The name on the command line: <c>run-cluster.sh NAME</c>.</summary>
    public string Name => context.Name;

    /// <summary>What the coordinator's command line gave every workload.</summary>
    protected WorkloadContext Context => context;

    /// <summary>One line: what the actor version shows that the Python original cannot.</summary>
    public abstract string Point { get; }

    /// <summary>Runs once the cluster is up, before the workers are deployed, on the coordinator node: create what the workers will talk to or read.</summary>
    public virtual Task PrepareAsync(ActorSystem system, CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>The worker the router deploys; its type must exist on every node, its constructor arguments must serialize.</summary>
    public abstract Props WorkerProps { get; }

    /// <summary>The jobs to run, in order, built once by <see cref="DefineJobs"/>; the coordinator reads their inputs lazily.</summary>
    public IReadOnlyList<WorkloadJob> Jobs => field ??= DefineJobs();

    protected abstract IReadOnlyList<WorkloadJob> DefineJobs();

    /// <summary>Lines printed before the first job starts.</summary>
    public virtual IEnumerable<string> Preamble => [];

    /// <summary>
    /// Takes in one result as it arrives, once (to add it up, check it, put it in order), and
    /// returns the line to print for it, or null. By default only a failure gets a line.
    /// </summary>
    public virtual string? Take(WorkloadJob job, TaskResult result) => Failure(result);

    /// <summary>
    /// Takes in a run of results (consecutive input positions reported together), calling
    /// <paramref name="line"/> for each line to print. By default each task goes to
    /// <see cref="Take"/> in turn; a workload that wants every value overrides this and reads
    /// the run's typed array instead.
    /// </summary>
    public virtual void TakeRun(WorkloadJob job, ResultRun run, Action<string> line)
    {
        foreach (var result in run.Tasks())
            if (Take(job, result) is { } text) line(text);
    }

    /// <summary>Lines printed after the host's line per job, once every job has run: what only this workload measured.</summary>
    public virtual IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) => [];

    /// <summary>Whether the results are right, beyond every task completing; false makes the exit code 1.</summary>
    public virtual bool Verify(IReadOnlyList<JobRun> runs) => true;

    /// <summary>The report's <c>figures</c>: what only this workload measured, as an object whose properties become snake_case keys.</summary>
    public virtual object? Figures(IReadOnlyList<JobRun> runs) => null;

    /// <summary>The line for a task that failed for good; null for one that did not.</summary>
    protected static string? Failure(TaskResult result) => result.Failed ? $"task {result.Index} failed: {result.Error}" : null;

    /// <summary>The inputs 0, 1, ..., <paramref name="count"/> - 1: a range, of which only a chunk's first value and count travel.</summary>
    protected static JobInputs Numbers(long count) => JobInputs.Range(0, count);
}

/// <summary>One job of a workload: its inputs (read lazily, a chunk at a time), and optionally the most workers it may use.</summary>
public sealed record WorkloadJob(string Name, JobInputs Inputs, int? MaxWorkers = null)
{
    /// <summary>A job of inputs of any type, read lazily; <paramref name="Count"/>: how many, when known.</summary>
    public WorkloadJob(string Name, IEnumerable<object?> Inputs, long? Count, int? MaxWorkers = null)
        : this(Name, JobInputs.From(Inputs, Count), MaxWorkers) { }

    /// <summary>How many inputs, when known up front.</summary>
    public long? Count => Inputs.Count;
}

/// <summary>A finished job: its summary and its makespan (first task sent to last result in).</summary>
public sealed record JobRun(WorkloadJob Job, JobSummary Summary)
{
    public double MakespanMs => Summary.FirstDispatch is { } first && Summary.LastResult is { } last ? (last - first).TotalMilliseconds : 0;
}
