using Akka.Event;

namespace ActorPar.Node.Workloads.Sleep;

/// <summary>
/// The seed's long-running process: says which OS process it sleeps in, as seed 003's
/// <c>sleep()</c> does, waits the task's time on a timer (no thread is blocked, so the
/// worker still hears a Stop), and reports the task with that process id. The sleep, join
/// and queue workloads use it.
/// </summary>
public sealed class SleepWorker : Worker<SleepTask, SleepDone>
{
    protected override async ValueTask<SleepDone> ProcessAsync(SleepTask task, CancellationToken cancellation)
    {
        var pid = Environment.ProcessId;
        if (task.SaysWhere) Log.Info("process {0}: Sleeping for {1} seconds (task {2}, worker {3})", pid, WorkloadOptions.Show(task.Seconds), task.ProcessId, WorkerId);
        await Task.Delay(TimeSpan.FromSeconds(task.Seconds * task.TimeScale), cancellation);
        return new SleepDone(task.ProcessId, task.Seconds, pid);
    }
}

/// <summary>The seed's <c>long_running_process(process_id, task_time)</c>: sleep <paramref name="Seconds"/> times <paramref name="TimeScale"/>, logging where unless told not to.</summary>
public sealed record SleepTask(int ProcessId, double Seconds, double TimeScale, bool SaysWhere = true) : IActorParMessage;

/// <summary>A finished sleep: the task's id and time, and the OS process id of the worker node that slept it.</summary>
public sealed record SleepDone(int ProcessId, double Seconds, int Pid) : IActorParMessage;
