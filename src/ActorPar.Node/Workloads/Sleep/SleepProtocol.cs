using ActorPar.Messaging;

namespace ActorPar.Node.Workloads.Sleep;

// What a SleepWorker is given and gives back, inside the coordinator's Work and WorkDone.
// The sleep and join workloads both send these.

/// <summary>The seed's <c>long_running_process(process_id, task_time)</c>: sleep <paramref name="Seconds"/> times <paramref name="TimeScale"/>.</summary>
public sealed record SleepTask(int ProcessId, double Seconds, double TimeScale) : IActorParMessage;

/// <summary>A finished sleep: the task's id and time, and the OS process id of the worker node that slept it.</summary>
public sealed record SleepDone(int ProcessId, double Seconds, int Pid) : IActorParMessage;
