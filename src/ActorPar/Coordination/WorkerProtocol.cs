using ActorPar.Chunks;
using ActorPar.Messaging;

namespace ActorPar.Coordination;

// The whole conversation between the coordinator and its workers. Every message here
// crosses the network, so each one is an IWorkerMessage and ActorParSerializer writes it.
//
//   coordinator                                           worker
//      | -- Welcome(id, credit) ---------------------------> |   once, when the coordinator first sees the worker
//      | == Broadcast(WorkAvailable) ======================> |   "there is work: ask for it"
//      | <-------------------------------- RequestWork(n) -- |   room for n more chunks
//      | -- Chunk(#, runs, inputs) ------------------------> |   one chunk per unit of credit
//      | <-- ChunkDone(#, runs, done, results, failures) --- |   every element's outcome, and the credit given back
//      | <-------------------------- ChunkReturned(#, runs) -- |   a chunk handed back unstarted (on stop or restart)
//      | -- DropWork(up to #) -----------------------------> |   the job was cancelled: drop its chunks
//      | == Broadcast(Stop) ===============================> |   finish the current element, report, stop
//
// A chunk is the unit of work: consecutive input positions (its runs) and their inputs, as
// one typed array or, for a range of numbers, just the range. No element carries an id: an
// element is its run's first position plus its offset. Sends are at most once, so the
// coordinator tracks every chunk it lent until each of its elements has an outcome recorded
// once; chunk numbers let it tell a chunk still on its way from one that was lost.

/// <summary>A message of the coordinator-worker protocol; bound to <see cref="ActorParSerializer"/>.</summary>
public interface IWorkerMessage : IActorParMessage;

/// <summary>
/// Coordinator to a newly seen worker: your id for logs and reports is <paramref name="WorkerId"/>,
/// and you may hold up to <paramref name="Credit"/> chunks at once.
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
/// Worker to coordinator: I have room for <paramref name="Credit"/> more chunks. It also says
/// what the worker has seen: the highest chunk number it received and how many chunks it still
/// holds, so the coordinator can tell a chunk that is on its way from one that was lost.
/// A worker that waits too long for work sends it again.
/// </summary>
public sealed record RequestWork(int Credit, long LastBatch = 0, int Holding = 0) : IWorkerMessage;

/// <summary>
/// Coordinator to one worker that asked: process these elements in order. <paramref name="Number"/>
/// names the chunk (numbers grow, so each worker sees them in increasing order);
/// <paramref name="Runs"/> are the elements' positions (task ids), and <paramref name="Inputs"/>
/// their inputs, one per position, in the same order.
/// </summary>
public sealed record Chunk(long Number, PositionRun[] Runs, ChunkItems Inputs) : IWorkerMessage
{
    /// <summary>How many elements the chunk holds.</summary>
    public int Count => Inputs.Count;
}

/// <summary>
/// Worker to coordinator: chunk <paramref name="Number"/> (its <paramref name="Runs"/> echoed,
/// so a late report still names its elements) was processed up to offset <paramref name="Done"/>:
/// <paramref name="Results"/> holds the first <paramref name="Done"/> results (a failed element's
/// is the type's default), <paramref name="Failures"/> the elements that threw, by offset, in
/// order. When <paramref name="Done"/> is short of the chunk, the rest is handed back unstarted;
/// <paramref name="Interrupted"/> then says the element at <paramref name="Done"/> was running
/// when the worker restarted (a hung element). Chunks are processed in the order they came, so
/// an earlier chunk still open when this arrives was lost in transit.
/// </summary>
public sealed record ChunkDone(
    long Number, PositionRun[] Runs, int Done, ChunkItems Results, ElementFailure[] Failures, double ElapsedMs, int RequestMore, bool Interrupted = false)
    : IWorkerMessage;

/// <summary>Worker to coordinator: chunk <paramref name="Number"/> was received but will not be started; lend it again at once.</summary>
public sealed record ChunkReturned(long Number, PositionRun[] Runs) : IWorkerMessage;

/// <summary>
/// Coordinator to each worker: the job was cancelled. Drop every chunk numbered up to
/// <paramref name="UpTo"/>: hand back those not started, and stop the current one after its
/// element in progress (an element that awaits is cancelled), reporting what was done.
/// </summary>
public sealed record DropWork(long UpTo) : IWorkerMessage;

/// <summary>Coordinator to every worker, through the router: finish the current element, report, and stop.</summary>
public sealed record Stop : IWorkerMessage
{
    /// <summary>The one instance.</summary>
    public static readonly Stop Instance = new();
    private Stop() { }
}
