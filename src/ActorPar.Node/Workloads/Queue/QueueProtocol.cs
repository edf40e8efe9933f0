using ActorPar.Messaging;

namespace ActorPar.Node.Workloads.Queue;

/// <summary>One task of the seed's queue demo: the seed's task id, and how many seconds it sleeps before <paramref name="TimeScale"/>.</summary>
public sealed record QueueTask(int TaskId, int Seconds, double TimeScale) : IActorParMessage;

/// <summary>A finished queue task, as the seed prints it.</summary>
public sealed record QueueTaskDone(int TaskId, int Seconds) : IActorParMessage;
