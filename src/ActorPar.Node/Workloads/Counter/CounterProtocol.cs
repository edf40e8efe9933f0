using ActorPar.Messaging;

namespace ActorPar.Node.Workloads.Counter;

// The counter workload's messages. Every one crosses the network: the SharedTotal actor lives on
// the coordinator node and the workers on worker nodes.
//
//   coordinator (Work)        worker                     SharedTotal (coordinator node)
//      | -- CountTask ------->  |                                 |
//      |                        | -- Add(1) x window -----------> |  total += 1, one message at a time
//      |                        | -- Sync(task) ----------------> |
//      |                        | <----------------- Synced(total) |  every Add of this worker is in
//      |                        |    ... the next window ...      |
//      | <-- CountTaskDone ---- |                                 |
//
// A worker waits for Synced after each window, so it never has more than a window of Adds in
// flight: classic Akka.Remote sends everything between two nodes over one connection, and a
// flood of messages would hold up the failure detector's heartbeats behind it.

/// <summary>A task: add 1 to the shared total <paramref name="Updates"/> times, waiting for an acknowledgement after every <paramref name="Window"/>.</summary>
public sealed record CountTask(int TaskId, int Updates, int Window) : IActorParMessage;

/// <summary>
/// A finished task: its updates were all applied, and the total stood at
/// <paramref name="TotalSeen"/> when the SharedTotal actor answered its <see cref="Sync"/>.
/// </summary>
public sealed record CountTaskDone(int TaskId, int Updates, long TotalSeen) : IActorParMessage;

/// <summary>Worker to SharedTotal: add <paramref name="Amount"/> to the total.</summary>
public sealed record Add(long Amount) : IActorParMessage;

/// <summary>Worker to SharedTotal: answer with the total once everything I sent before this is applied; <paramref name="TaskId"/> says which task asks.</summary>
public sealed record Sync(int TaskId) : IActorParMessage;

/// <summary>SharedTotal to the worker that sent <see cref="Sync"/>: the total now.</summary>
public sealed record Synced(long Total) : IActorParMessage;
