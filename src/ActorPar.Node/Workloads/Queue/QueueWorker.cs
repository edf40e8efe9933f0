using ActorPar.Workers;

namespace ActorPar.Node.Workloads.Queue;

/// <summary>
/// The seed's <c>worker_func</c>: sleeps for the task's time and reports it. The sleep is a
/// timer, not a blocked thread, so the worker still hears a Stop while it waits.
/// </summary>
public sealed class QueueWorker : Worker<QueueTask, QueueTaskDone>
{
    protected override async ValueTask<QueueTaskDone> ProcessAsync(QueueTask task, CancellationToken cancellation)
    {
        await Task.Delay(TimeSpan.FromSeconds(task.Seconds * task.TimeScale), cancellation);
        return new QueueTaskDone(task.TaskId, task.Seconds);
    }
}
