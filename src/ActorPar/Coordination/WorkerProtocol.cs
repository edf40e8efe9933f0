using ActorPar.Messaging;

namespace ActorPar.Coordination;

// The whole conversation between the coordinator and its workers. Every message here
// crosses the network, so each one is an IWorkerMessage and ActorParSerializer writes it.
//
//   coordinator                                      worker
//      | -- Welcome(id, credit) ----------------------> |   once, when the coordinator first sees the worker
//      | == Broadcast(WorkAvailable) =================> |   "there is work: ask for it"
//      | <--------------------------- RequestWork(n) -- |   room for n more batches
//      | -- Batch(tasks, #b) -------------------------> |   one numbered batch per unit of credit
//      | <---------- BatchDone(outcomes, ms, more, #b) -- |   every outcome, and the credit given back
//      | <----------------------- TasksReturned(ids) -- |   unstarted tasks handed back on stop
//      | == Broadcast(Stop) ==========================> |   finish the current task, report, stop
//
// Sends are at most once. The coordinator tracks every task it lent until an outcome is
// recorded once; batch numbers let it tell a batch still on its way from one that was lost.

/// <summary>A message of the coordinator-worker protocol; bound to <see cref="ActorParSerializer"/>.</summary>
public interface IWorkerMessage : IActorParMessage;

/// <summary>
/// Coordinator to a newly seen worker: your id for logs and reports is <paramref name="WorkerId"/>,
/// and you may hold up to <paramref name="Credit"/> batches at once.
/// </summary>
public sealed record Welcome(int WorkerId, int Credit) : IWorkerMessage;

/// <summary>Coordinator to every worker, through the router: there is work, so ask for it.</summary>
public sealed record WorkAvailable : IWorkerMessage
{
    /// <summary>The one instance.</summary>
    public static readonly WorkAvailable Instance = new();
    private WorkAvailable() { }
}

/// <summary>
/// Worker to coordinator: I have room for <paramref name="Credit"/> more batches. It also says
/// what the worker has seen: the last batch number it received and how many batches it still
/// holds, so the coordinator can tell a batch that is on its way from one that was lost.
/// A worker that waits too long for work sends it again.
/// </summary>
public sealed record RequestWork(int Credit, long LastBatch = 0, int Holding = 0) : IWorkerMessage;

/// <summary>One task inside a batch: the coordinator's id for it and the user's input.</summary>
public sealed record TaskItem(long Id, object? Input);

/// <summary>
/// Coordinator to one worker that asked: tasks to process in order. <paramref name="Number"/>
/// counts the batches lent to this worker: 1, 2, 3...
/// </summary>
public sealed record Batch(IReadOnlyList<TaskItem> Tasks, long Number = 0) : IWorkerMessage;

/// <summary>The outcome of one task: a result, or the one-line message of the exception it threw.</summary>
public sealed record TaskOutcome(long Id, object? Result, string? Error)
{
    /// <summary>The task threw.</summary>
    public bool Failed => Error is not null;
}

/// <summary>
/// Worker to coordinator: the outcomes of batch <paramref name="Number"/>, how long they took
/// together, and <paramref name="RequestMore"/> batches of credit given back. Batches are
/// processed in order, so an earlier batch still open when this arrives was lost in transit.
/// </summary>
public sealed record BatchDone(IReadOnlyList<TaskOutcome> Outcomes, double ElapsedMs, int RequestMore, long Number = 0) : IWorkerMessage;

/// <summary>Worker to coordinator: tasks it received but will not start, to be queued again at once.</summary>
public sealed record TasksReturned(IReadOnlyList<long> TaskIds) : IWorkerMessage;

/// <summary>Coordinator to every worker, through the router: finish the current task, report it, and stop.</summary>
public sealed record Stop : IWorkerMessage
{
    /// <summary>The one instance.</summary>
    public static readonly Stop Instance = new();
    private Stop() { }
}
