using ActorPar.Chunks;
using Akka.Actor;

namespace ActorPar.Coordination;

/// <summary>The job the coordinator is running: what was asked, its ledger of chunks, its chunk sizes, its retries to log and its report figures.</summary>
internal sealed class ActiveJob(SubmitJob submit, ChunkLedger ledger, ChunkSizer sizer)
{
    public SubmitJob Submit { get; } = submit;
    public ChunkLedger Ledger { get; } = ledger;
    public ChunkSizer Sizer { get; } = sizer;
    public JobStats Stats { get; } = new();
    public RetrySummary Retries { get; } = new();

    /// <summary>The first id the next job may use: ids are unique across jobs.</summary>
    public long NextFreeId => Ledger.FirstId + Ledger.Submitted;

    public void Publish(IReadOnlyList<ResultRun> runs)
    {
        if (runs.Count == 0) return;
        foreach (var run in runs)
            if (!run.Failed) Stats.Completed(run.Worker, run.Count);
        Stats.ResultsIn();
        Submit.Listener.Tell(new ResultsReady(Submit.Name, runs));
    }

    /// <summary>Publishes the inputs found unreadable since the last call (each already resolved as failed).</summary>
    public void PublishRejected() => Publish(Ledger.TakeRejected());

    /// <summary>Tells the listener the job is over; an interrupted job lists what did not finish.</summary>
    public void Complete(bool interrupted, bool cancelled = false)
    {
        PublishRejected();
        var ledger = Ledger;
        Submit.Listener.Tell(new JobCompleted(new JobSummary(
            Submit.Name, ledger.Submitted, ledger.Completed, ledger.Failed, ledger.DuplicatesIgnored, ledger.Requeued,
            new Dictionary<string, long>(Stats.PerNode), new Dictionary<string, long>(Stats.PerWorker),
            Stats.FirstDispatch, Stats.LastResult, interrupted, interrupted ? ledger.Unresolved(readRest: !cancelled) : [],
            Stats.NodesLost.ToArray(), Stats.NodesJoined.ToArray(), ledger.Retried, ledger.HandedBack, cancelled, Sizer.Sizes.Summary())));
    }
}
