using Akka.Actor;

namespace ActorPar.Coordination;

// What a host (CoordinatorSession, a test) says to the coordinator on the same node, and
// what the coordinator tells it back. None of it crosses the network, so these messages
// carry plain .NET objects (enumerables, actor refs) and skip the serialize-messages check.

/// <summary>Host to coordinator: run every input through the workers and tell <paramref name="Listener"/> the results.</summary>
/// <param name="Name">The job's name, for reports.</param>
/// <param name="Inputs">Read lazily, one input per task; an <see cref="InvalidInput"/> fails its task without running it.</param>
/// <param name="Count">How many inputs there are, when known up front; it sizes batches and progress.</param>
/// <param name="MaxWorkers">Lend tasks to at most this many workers (the first ones the coordinator met), e.g. to measure one worker against all.</param>
public sealed record SubmitJob(string Name, IEnumerable<object?> Inputs, IActorRef Listener, long? Count = null, int? MaxWorkers = null)
    : INoSerializationVerificationNeeded;

/// <summary>An input that could not be read; its task fails at once with <paramref name="Error"/>.</summary>
public sealed record InvalidInput(string Error);

/// <summary>Who processed a task: the coordinator's id for the worker, its actor path and its node's address.</summary>
public sealed record WorkerInfo(int Id, string Path, string Node)
{
    /// <summary>No worker: a task resolved without one (an input that could not be read).</summary>
    public static readonly WorkerInfo None = new(-1, "", "");
}

/// <summary>The final outcome of one task. <paramref name="Index"/> is the input's position in the job.</summary>
public sealed record TaskResult(long Index, object? Input, object? Result, string? Error, WorkerInfo Worker)
{
    /// <summary>The task failed for good.</summary>
    public bool Failed => Error is not null;
}

/// <summary>What a job's listener hears: <see cref="ResultsReady"/> any number of times, then one <see cref="JobCompleted"/>.</summary>
public interface IJobEvent : INoSerializationVerificationNeeded;

/// <summary>Coordinator to listener: tasks resolved since the last batch of results, in arrival order.</summary>
public sealed record ResultsReady(string Job, IReadOnlyList<TaskResult> Results) : IJobEvent;

/// <summary>Coordinator to listener: the job is over. <see cref="JobSummary.Interrupted"/> says whether it was cut short.</summary>
public sealed record JobCompleted(JobSummary Summary) : IJobEvent;

/// <summary>The job's counts and times, as the report shows them.</summary>
public sealed record JobSummary(
    string Name,
    long Submitted,
    long Completed,
    long Failed,
    long DuplicatesIgnored,
    long Requeued,
    IReadOnlyDictionary<string, long> PerNode,
    IReadOnlyDictionary<string, long> PerWorker,
    DateTimeOffset? FirstDispatch,
    DateTimeOffset? LastResult,
    bool Interrupted,
    IReadOnlyList<IndexRange> Unfinished,
    IReadOnlyList<NodeLoss> NodesLost,
    IReadOnlyList<NodeJoin> NodesJoined)
{
    /// <summary>How many tasks did not finish (an interrupted job only).</summary>
    public long UnfinishedCount => Unfinished.Sum(r => r.Count);

    /// <summary>
    /// The input positions that were resolved (completed or failed for good) in an
    /// interrupted job: every position below the last one read, less <see cref="Unfinished"/>.
    /// </summary>
    public IReadOnlyList<IndexRange> Finished()
    {
        var total = Math.Max(Submitted, Unfinished.Count > 0 ? Unfinished[^1].Last + 1 : 0);
        var finished = new List<IndexRange>();
        var next = 0L;
        foreach (var gap in Unfinished)
        {
            if (gap.First > next) finished.Add(new IndexRange(next, gap.First - 1));
            next = gap.Last + 1;
        }
        if (next < total) finished.Add(new IndexRange(next, total - 1));
        return finished;
    }
}

/// <summary>
/// A worker node the coordinator lost during a job (unreachable, or removed without being
/// unreachable first, as when it leaves): the moment it took that node's tasks back, and how many.
/// </summary>
public sealed record NodeLoss(string Node, string Why, DateTimeOffset At, int TasksTakenBack);

/// <summary>A worker node that came Up during a job, and the moment one of its workers was first lent a task (null: never).</summary>
public sealed record NodeJoin(string Node, DateTimeOffset Up, DateTimeOffset? FirstWork)
{
    /// <summary>From the node coming Up to its first task; null when it never got one.</summary>
    public TimeSpan? UpToFirstWork => FirstWork - Up;
}

/// <summary>Input positions <paramref name="First"/> to <paramref name="Last"/>, both included.</summary>
public sealed record IndexRange(long First, long Last)
{
    /// <summary>How many positions the range holds.</summary>
    public long Count => Last - First + 1;
    /// <summary>The range as a log shows it: <c>7</c> or <c>7-9</c>.</summary>
    public override string ToString() => First == Last ? $"{First}" : $"{First}-{Last}";
}

/// <summary>Coordinator to whoever asked with <see cref="NotifyWhenReady"/>: the workers are deployed.</summary>
public sealed record CoordinatorReady(int Workers, DateTimeOffset At) : INoSerializationVerificationNeeded;

/// <summary>Coordinator to whoever asked with <see cref="NotifyWhenReady"/>: the workers never came.</summary>
public sealed record CoordinatorNotReady(string Reason) : INoSerializationVerificationNeeded;

/// <summary>Host to coordinator: reply with <see cref="CoordinatorReady"/> once the router has its workers.</summary>
public sealed record NotifyWhenReady : INoSerializationVerificationNeeded
{
    /// <summary>The one instance.</summary>
    public static readonly NotifyWhenReady Instance = new();
    private NotifyWhenReady() { }
}

/// <summary>
/// Host to coordinator: broadcast <see cref="Stop"/>, wait for every worker to stop, then
/// stop the router. A job still running ends as interrupted. The reply is <see cref="WorkersStopped"/>.
/// </summary>
public sealed record StopWorkers : INoSerializationVerificationNeeded
{
    /// <summary>The one instance.</summary>
    public static readonly StopWorkers Instance = new();
    private StopWorkers() { }
}

/// <summary>
/// Coordinator to the host that said <see cref="StopWorkers"/>: from the Stop broadcast to the
/// last worker terminated, and how many workers it reached (each counted once).
/// </summary>
public sealed record WorkersStopped(TimeSpan Latency, int Workers, bool TimedOut) : INoSerializationVerificationNeeded;

/// <summary>What happened to a cluster member, as the coordinator needs to know it.</summary>
public enum NodeChange
{
    /// <summary>The member is Up.</summary>
    Up,
    /// <summary>The failure detector lost it.</summary>
    Unreachable,
    /// <summary>The failure detector found it again.</summary>
    Reachable,
    /// <summary>It was downed.</summary>
    Downed,
    /// <summary>It left the cluster.</summary>
    Removed,
}

/// <summary>
/// Membership, as a message: a <see cref="MembershipRelay"/> turns the cluster's events into
/// these, and a test without a cluster sends them itself. <paramref name="HostsWorkers"/> says
/// whether the member has the worker role; <paramref name="Status"/> is its status, for logs;
/// <paramref name="AlreadyUp"/> marks a member that was Up before the coordinator started watching.
/// </summary>
public sealed record NodeEvent(Akka.Actor.Address Node, NodeChange Change, bool HostsWorkers, string Status = "", bool AlreadyUp = false)
    : INoSerializationVerificationNeeded;
