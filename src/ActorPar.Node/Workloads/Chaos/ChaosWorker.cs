using ActorPar.Workers;
using Akka.Event;

namespace ActorPar.Node.Workloads.Chaos;

/// <summary>
/// Sleeps each task's time on a timer and says which process ran it. It logs when it starts
/// a task, so that whoever kills its node mid-job can tell what the node held. A task marked
/// to hang waits until the worker is restarted or stopped: it never returns on its own.
/// </summary>
public sealed class ChaosWorker : Worker<ChaosTask, ChaosTaskDone>
{
    protected override async ValueTask<ChaosTaskDone> ProcessAsync(ChaosTask task, CancellationToken cancellation)
    {
        Log.Info("task {0} started ({1} ms{2}) on worker {3}", task.Index, task.Milliseconds, task.Hangs ? ", hangs" : "", WorkerId);
        await Task.Delay(task.Hangs ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(task.Milliseconds), cancellation);
        return new ChaosTaskDone(task.Index, Environment.ProcessId);
    }
}
