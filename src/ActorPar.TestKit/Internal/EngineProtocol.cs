using ActorPar.Coordination;
using ActorPar.Engine;
using Akka.Actor;
using Akka.Dispatch;
using Akka.TestKit;

// Everything ActorPar.TestKit knows of the engine's messages is in this one file: the worker
// protocol (Coordination/WorkerProtocol.cs), which CoordinatorStandIn speaks to one worker,
// and the results of a job (Coordination/JobProtocol.cs), which JobEvents reads. The rest of
// the TestKit, and every user's test, sees only typed outcomes, so a change to the protocol
// (batches becoming chunks, say) is made here and nowhere else.

namespace ActorPar.TestKit.Internal;

/// <summary>What one task came to, as the coordinator would have recorded it.</summary>
internal sealed record TaskReport(object? Result, string? Error, TimeSpan Duration, bool AskedForMore, bool TimedOut);

/// <summary>
/// Plays the coordinator to one real worker actor, through a test probe: it creates the
/// worker as the router does (under the router's supervision, on the worker dispatcher unless
/// its Props name another), welcomes it, lends it one task at a time, and reads what it
/// reports. A task silent past <c>actorpar.coordinator.task-timeout</c> is treated as the
/// coordinator treats it: the worker is killed, restarts, and the task fails as timed out.
/// </summary>
internal sealed class CoordinatorStandIn
{
    private readonly TestProbe _probe;
    private long _lastTask;

    private CoordinatorStandIn(TestProbe probe, IActorRef worker)
    {
        _probe = probe;
        Worker = worker;
    }

    /// <summary>The worker actor.</summary>
    public IActorRef Worker { get; }

    /// <summary>Creates the worker and welcomes it with <paramref name="credit"/>, as the coordinator does when it first sees a worker.</summary>
    public static async Task<CoordinatorStandIn> StartAsync(TestKitBase kit, Props worker, int credit)
    {
        var props = worker.Dispatcher == Dispatchers.DefaultDispatcherId ? worker.WithDispatcher(WorkerRouter.WorkerDispatcher) : worker;
        var actor = await kit.ChildActorOfAsync(props, WorkerRouter.RestartFailedWorker);
        var probe = kit.CreateTestProbe();
        probe.Watch(actor);
        probe.Send(actor, new Welcome(0, credit));
        return new CoordinatorStandIn(probe, actor);
    }

    /// <summary>Lends the worker one task with <paramref name="input"/> and waits for its outcome.</summary>
    /// <exception cref="TimeoutException">the worker reported nothing within <paramref name="wait"/> (and no task timeout was set).</exception>
    /// <exception cref="InvalidOperationException">the worker stopped, or handed the task back without running it.</exception>
    public async Task<TaskReport> RunAsync(object? input, TimeSpan? taskTimeout, TimeSpan wait)
    {
        var id = ++_lastTask;
        _probe.Send(Worker, new Batch([new TaskItem(id, input)], id));
        var deadline = DateTime.UtcNow + (taskTimeout ?? wait);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var (received, envelope) = left > TimeSpan.Zero ? await _probe.TryReceiveOneAsync(left) : (false, default(MessageEnvelope)!);
            if (!received)
            {
                if (taskTimeout is not { } timeout)
                    throw new TimeoutException($"the worker reported nothing on its task within {wait.TotalSeconds:0.###}s " +
                                               "(actorpar.testkit.result-wait; set actorpar.coordinator.task-timeout to test what the coordinator does to a hung task)");
                // What the coordinator does to a worker silent past the task timeout: record the failure, kill the worker.
                Worker.Tell(Kill.Instance);
                return new TaskReport(null, $"timed out after {timeout.TotalSeconds:0.###}s", timeout, AskedForMore: false, TimedOut: true);
            }
            switch (envelope.Message)
            {
                case BatchDone done when done.Number == id && done.Outcomes.FirstOrDefault(o => o.Id == id) is { } outcome:
                    return new TaskReport(outcome.Result, outcome.Error, TimeSpan.FromMilliseconds(done.ElapsedMs), done.RequestMore > 0, TimedOut: false);
                case TasksReturned returned when returned.TaskIds.Contains(id):
                    throw new InvalidOperationException("the worker handed its task back without running it: it restarted or stopped before the task began (see the log)");
                case Terminated { ActorRef: var actor } when actor.Equals(Worker):
                    throw new InvalidOperationException("the worker stopped before it reported its task");
            }
            // Anything else (a request for more work, a task handed back after a timeout) the coordinator would note; a test need not.
        }
    }

    /// <summary>Broadcasts Stop to this one worker, as the coordinator does at the end of a job, and waits until it has stopped.</summary>
    public async Task StopAsync(TimeSpan wait)
    {
        _probe.Send(Worker, Stop.Instance);
        await _probe.FishForMessageAsync(m => m is Terminated t && t.ActorRef.Equals(Worker), wait);
    }
}

/// <summary>What a test's job needs from a <see cref="CoordinatorSession"/>: a job to submit, and its events read as plain results and a report.</summary>
internal static class JobEvents
{
    /// <summary>One job of <paramref name="inputs"/>.</summary>
    public static JobRequest Request(IEnumerable<object?> inputs, long? count) => new("test", inputs, count);

    /// <summary>The results an event brings, each with its input's position and the node of the worker that resolved it.</summary>
    public static IEnumerable<(long Index, object? Input, object? Result, string? Error, string Node)> Results(IJobEvent e) =>
        e is ResultsReady ready ? ready.Results.Select(r => (r.Index, r.Input, r.Result, r.Error, r.Worker.Node)) : [];

    /// <summary>The job's report, when <paramref name="e"/> is the job's last event; else null.</summary>
    public static JobReport? Report(IJobEvent e) => e is JobCompleted { Summary: var s }
        ? new JobReport(s.Submitted, s.Completed, s.Failed, s.Requeued, s.DuplicatesIgnored, s.Interrupted,
            s.NodesLost.Select(l => new LostNode(l.Node, l.Why, l.TasksTakenBack)).ToList(), s.PerNode)
        : null;
}
