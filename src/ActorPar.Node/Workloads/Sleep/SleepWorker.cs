using ActorPar.Workers;
using Akka.Event;

namespace ActorPar.Node.Workloads.Sleep;

/// <summary>
/// The seed's long-running process: says which OS process it sleeps in, as seed 003's
/// <c>sleep()</c> does, waits the task's time on a timer (no thread is blocked, so the
/// worker still hears a Stop), and reports the task with that process id.
/// </summary>
public sealed class SleepWorker : Worker<SleepTask, SleepDone>
{
    protected override async ValueTask<SleepDone> ProcessAsync(SleepTask task, CancellationToken cancellation)
    {
        var pid = Environment.ProcessId;
        Log.Info("process {0}: Sleeping for {1} seconds (task {2}, worker {3})", pid, WorkloadOptions.Show(task.Seconds), task.ProcessId, WorkerId);
        await Task.Delay(TimeSpan.FromSeconds(task.Seconds * task.TimeScale), cancellation);
        return new SleepDone(task.ProcessId, task.Seconds, pid);
    }
}
