using ActorPar.Coordination;
using Akka.Actor;

namespace ActorPar.Node.Workloads;

/// <summary>
/// A job the coordinator node runs from the command line: the tasks, the worker actor that
/// processes them (its type must exist on every node), and how results are shown.
/// </summary>
public abstract class Workload
{
    /// <summary>The name on the command line: <c>run-cluster.sh NAME</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line: what the actor version shows that the Python original cannot.</summary>
    public abstract string Point { get; }

    /// <summary>The worker the router deploys; only serializable constructor arguments.</summary>
    public abstract Props WorkerProps { get; }

    /// <summary>The task inputs, read lazily by the coordinator.</summary>
    public abstract IEnumerable<object?> Inputs { get; }

    /// <summary>How many inputs there are, when known up front.</summary>
    public virtual long? Count => null;

    /// <summary>Lines printed before the job starts.</summary>
    public virtual IEnumerable<string> Preamble => [];

    /// <summary>The line printed for one result, or null to print none.</summary>
    public virtual string? Line(TaskResult result) => result.Failed ? $"task {result.Index} failed: {result.Error}" : null;

    /// <summary>Lines printed after the job, with its measured times.</summary>
    public virtual IEnumerable<string> Summary(JobSummary summary, RunTimings timings) => [];

    /// <summary>Whether the job's results are right, beyond every task completing; false makes the exit code 1.</summary>
    public virtual bool Verify(JobSummary summary) => true;
}
