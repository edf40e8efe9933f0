using ActorPar.Workers;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Counter;

/// <summary>
/// Adds to the shared total by sending the <see cref="SharedTotal"/> actor one <see cref="Add"/>
/// per update, a window at a time, waiting (without blocking) for it to confirm each window. That actor's
/// IActorRef is this worker's constructor argument: remote deployment can carry it to
/// another node because an actor reference is an address, which serializes; a lock or a
/// shared variable could not make that trip.
/// </summary>
public sealed class CounterWorker(IActorRef total) : Worker<CountTask, CountTaskDone>
{
    protected override async ValueTask<CountTaskDone> ProcessAsync(CountTask task, CancellationToken cancellation)
    {
        long seen = 0;
        for (var sent = 0; sent < task.Updates;)
        {
            var window = Math.Min(Math.Max(1, task.Window), task.Updates - sent);
            for (var i = 0; i < window; i++) total.Tell(new Add(1));
            sent += window;
            seen = (await total.Ask<Synced>(new Sync(task.TaskId), cancellation)).Total;
        }
        return new CountTaskDone(task.TaskId, task.Updates, seen);
    }
}
