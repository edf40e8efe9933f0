using System.Diagnostics;
using ActorPar.Coordination;
using Akka.Actor;
using Akka.Event;

namespace ActorPar.Workers;

// How a worker runs the chunks it holds: a slice of elements at a time, then one report per
// chunk; what it hands back when a job is dropped or the worker stops.
public abstract partial class Worker
{
    private void Received(Chunk chunk)
    {
        _coordinator = Sender;
        _requested = Math.Max(0, _requested - 1);
        _askAgainIn = _askAgainAfter;
        _held.Add(chunk);
    }

    private void StartNextChunk()
    {
        if (!_held.StartNext(Start))
        {
            Become(Idle);
            return;
        }
        Become(Processing);
        ProcessSlice();
    }

    /// <summary>Runs elements of the current chunk until it ends, an element goes asynchronous, or the slice is used up.</summary>
    private void ProcessSlice()
    {
        var current = _held.Current!;
        switch (current.Run(Stopwatch.GetTimestamp() + _slice, _work.Token))
        {
            case RunState.Yielded:
                Self.Tell(ContinueChunk.Instance); // let a Stop in the mailbox in between elements
                return;
            case RunState.Awaiting:
                var (number, index) = (current.Chunk.Number, current.Done);
                current.PendingBoxed().PipeTo(Self, Self,
                    success: result => new ElementFinished(number, index, result, null),
                    failure: error => new ElementFinished(number, index, null, error));
                Become(Awaiting);
                return;
            default:
                Report(credit: 1);
                StartNextChunk();
                return;
        }
    }

    /// <summary>Records an asynchronous element's outcome; false when it is stale (its chunk is no longer current).</summary>
    private bool Settle(ElementFinished finished)
    {
        if (_held.Current is not { } current || current.Chunk.Number != finished.Number || current.Done != finished.Index) return false;
        current.Settle(finished.Result, finished.Error);
        return true;
    }

    /// <summary>Reports the current chunk, as far as it got, giving <paramref name="credit"/> back; a chunk not begun is handed back instead.</summary>
    private void Report(int credit, bool interrupted = false)
    {
        if (_held.Finish() is not { } current) return;
        if (current.Done == 0 && !interrupted)
        {
            Tell(new ChunkReturned(current.Chunk.Number, current.Chunk.Runs));
            // Its job was cancelled (DropWork) before its first element was done, and this worker
            // goes on: ask for the next job's work now. The coordinator forgets a worker's demand
            // when a chunk comes back, and the next job's WorkAvailable came while the chunk was
            // still in hand, so no one else would ask and that job would wait forever.
            if (credit > 0) AskForWork(_coordinator);
            return;
        }
        _requested += credit;
        Tell(current.Report(credit, interrupted, _wire));
        if (credit <= 0) return;
        _waitingSince = Stopwatch.GetTimestamp();
        ArmAskAgain();
    }

    /// <summary>The coordinator cancelled the job of chunks up to <see cref="DropWork.UpTo"/>: the waiting ones go back, the current one ends after its element.</summary>
    private void Drop(DropWork drop)
    {
        foreach (var chunk in _held.Drop(drop.UpTo))
        {
            _requested = 0;
            Tell(new ChunkReturned(chunk.Number, chunk.Runs));
        }
    }

    /// <summary>Cancels the element under way (it sees its CancellationToken fire), and gives the next elements a fresh token.</summary>
    private void CancelWork()
    {
        _work.Cancel();
        _work.Dispose();
        _work = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
    }

    private void FinishAndStop()
    {
        Report(credit: 0);
        HandBack(interrupted: false);
        var node = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress;
        Log.Info("worker {0} on {1} shutting down", WorkerId, node.HostPort() is { Length: > 0 } hostPort ? hostPort : node.ToString());
        Context.Stop(Self);
    }

    /// <summary>Reports what was done of the current chunk, hands every chunk not started back, and forgets our credit there.</summary>
    private void HandBack(bool interrupted)
    {
        Report(credit: 0, interrupted);
        foreach (var chunk in _held.TakeWaiting()) Tell(new ChunkReturned(chunk.Number, chunk.Runs));
        _requested = 0;
    }

    private void Tell(IWorkerMessage message)
    {
        if (!_coordinator.IsNobody()) _coordinator.Tell(message);
    }
}
