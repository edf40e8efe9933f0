namespace ActorPar.Node.Workloads.Counter;

// Every message of the counter workload crosses the network: the SharedTotal actor lives on
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

/// <summary>A task: add 1 to the shared total <paramref name="Updates"/> times, waiting for an acknowledgement after every <paramref name="Window"/>.</summary>
public sealed record CountTask(int TaskId, int Updates, int Window) : IActorParMessage;

/// <summary>
/// A finished task: its updates were all applied, and the total stood at
/// <paramref name="TotalSeen"/> when the SharedTotal actor answered its <see cref="Sync"/>.
/// </summary>
public sealed record CountTaskDone(int TaskId, int Updates, long TotalSeen) : IActorParMessage;
