using ActorPar.Messaging;

namespace ActorPar.Node.Workloads.Chaos;

// What a ChaosWorker is given and gives back, inside the coordinator's Work and WorkDone.

/// <summary>
/// One task of a chaos run: its position, how long it takes, whether it never returns, and
/// whether it keeps a CPU busy for its length (<paramref name="Busy"/>) instead of waiting on a timer.
/// </summary>
public sealed record ChaosTask(int Index, int Milliseconds, bool Hangs, bool Busy = false) : IActorParMessage;

/// <summary>A finished chaos task: its position, and the OS process id of the worker node that ran it.</summary>
public sealed record ChaosTaskDone(int Index, int Pid) : IActorParMessage;
