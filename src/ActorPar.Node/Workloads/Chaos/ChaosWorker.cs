using System.Diagnostics;
using Akka.Event;

namespace ActorPar.Node.Workloads.Chaos;

/// <summary>
/// Runs each task for its time and says which process ran it: on a timer, or computing
/// (a busy task, CPU-bound like the primes workload, whose outcome is sent in the same
/// step that computes it). It logs when it starts a task, so that whoever kills its node
/// mid-job can tell what the node held. A task marked to hang waits until the worker is
/// restarted or stopped: it never returns on its own.
/// </summary>
public sealed class ChaosWorker : Worker<ChaosTask, ChaosTaskDone>
{
    protected override ValueTask<ChaosTaskDone> ProcessAsync(ChaosTask task, CancellationToken cancellation)
    {
        Log.Info("task {0} started ({1} ms{2}) on worker {3}", task.Index, task.Milliseconds,
            task.Hangs ? ", hangs" : task.Busy ? ", busy" : "", WorkerId);
        return task.Busy && !task.Hangs ? ValueTask.FromResult(Compute(task)) : WaitAsync(task, cancellation);
    }

    private static async ValueTask<ChaosTaskDone> WaitAsync(ChaosTask task, CancellationToken cancellation)
    {
        await Task.Delay(task.Hangs ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(task.Milliseconds), cancellation);
        return new ChaosTaskDone(task.Index, Environment.ProcessId);
    }

    /// <summary>Arithmetic until the task's time has passed on the clock (a frozen process finds it passed when it wakes).</summary>
    private static ChaosTaskDone Compute(ChaosTask task)
    {
        var started = Stopwatch.GetTimestamp();
        var x = (ulong)task.Index + 1;
        while (Stopwatch.GetElapsedTime(started).TotalMilliseconds < task.Milliseconds)
            for (var i = 0; i < 10_000; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
        GC.KeepAlive(x);
        return new ChaosTaskDone(task.Index, Environment.ProcessId);
    }
}

/// <summary>
/// One task of a chaos run: its position, how long it takes, whether it never returns, and
/// whether it keeps a CPU busy for its length (<paramref name="Busy"/>) instead of waiting on a timer.
/// </summary>
public sealed record ChaosTask(int Index, int Milliseconds, bool Hangs, bool Busy = false) : IActorParMessage;

/// <summary>A finished chaos task: its position, and the OS process id of the worker node that ran it.</summary>
public sealed record ChaosTaskDone(int Index, int Pid) : IActorParMessage;
