namespace ActorPar.TestKit;

/// <summary>
/// The coordinator's account of one job, as its report gives it: how many tasks were
/// submitted, completed and failed for good, how many were put back in the queue (from a
/// worker node that was lost, say) and how many late duplicate results were ignored, and the
/// worker nodes lost during the job.
/// </summary>
/// <param name="Submitted">Tasks submitted: one per input.</param>
/// <param name="Completed">Tasks that returned a result.</param>
/// <param name="Failed">Tasks that failed for good, after <c>actorpar.coordinator.max-attempts</c> tries.</param>
/// <param name="Requeued">Tasks put back in the queue to run again (a failed attempt, or taken back from a lost worker).</param>
/// <param name="DuplicatesIgnored">Results that came for a task already resolved, and were ignored.</param>
/// <param name="Interrupted">The job was cut short (the cluster was disposed while it ran).</param>
/// <param name="NodesLost">Worker nodes the coordinator lost during the job, in the order it lost them.</param>
/// <param name="PerNode">Results per worker node address (<c>127.0.0.1:41234</c>).</param>
public sealed record JobReport(
    long Submitted,
    long Completed,
    long Failed,
    long Requeued,
    long DuplicatesIgnored,
    bool Interrupted,
    IReadOnlyList<LostNode> NodesLost,
    IReadOnlyDictionary<string, long> PerNode);

/// <summary>A worker node the coordinator lost during a job: its address, why (<c>unreachable</c>, say), and how many tasks it took back from it.</summary>
public sealed record LostNode(string Node, string Why, int TasksTakenBack);
