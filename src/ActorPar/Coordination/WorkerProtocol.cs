using ActorPar.Messaging;

namespace ActorPar.Coordination;

// The whole conversation between the coordinator and its workers. Every message here
// crosses the network, so each one is an IWorkerMessage and ActorParSerializer writes it.
//
//   coordinator                                   worker
//      | -- Welcome(id, credit) -------------------> |   once, when the router's routee is seen
//      | == Broadcast(WorkAvailable) ==============> |   "there is work: ask for it"
//      | <------------------------ RequestWork(n) -- |   room for n more batches
//      | -- Work([tasks]) ---------------------------> |   one batch per unit of credit
//      | <------------- WorkDone([outcomes], more) -- |   outcomes, and the credit given back
//      | <--------------------- WorkReturned([ids]) -- |   unstarted tasks handed back on stop
//      | == Broadcast(Stop) =======================> |   finish the current task, report, stop

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
    public static readonly WorkAvailable Instance = new();
    private WorkAvailable() { }
}

/// <summary>Worker to coordinator: I have room for <paramref name="Credit"/> more batches.</summary>
public sealed record RequestWork(int Credit) : IWorkerMessage;

/// <summary>One task inside a batch: the coordinator's id for it and the user's input.</summary>
public sealed record TaskItem(long Id, object? Input);

/// <summary>Coordinator to one worker that asked: a batch of tasks, processed in order.</summary>
public sealed record Work(IReadOnlyList<TaskItem> Tasks) : IWorkerMessage;

/// <summary>The outcome of one task: a result, or the message of the exception it threw.</summary>
public sealed record TaskOutcome(long Id, object? Result, string? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>
/// Worker to coordinator: outcomes of tasks it processed, how long they took together,
/// and <paramref name="RequestMore"/> batches of credit given back.
/// </summary>
public sealed record WorkDone(IReadOnlyList<TaskOutcome> Outcomes, double ElapsedMs, int RequestMore) : IWorkerMessage;

/// <summary>Worker to coordinator: tasks it received but will not start, to be queued again at once.</summary>
public sealed record WorkReturned(IReadOnlyList<long> TaskIds) : IWorkerMessage;

/// <summary>Coordinator to every worker, through the router: finish the current task, report it, and stop.</summary>
public sealed record Stop : IWorkerMessage
{
    public static readonly Stop Instance = new();
    private Stop() { }
}
