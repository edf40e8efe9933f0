using Akka.Actor;

namespace ActorPar.Coordination;

/// <summary>The job the coordinator is running: what was asked, its ledger of tasks, its batch sizes and its report figures.</summary>
internal sealed class ActiveJob(SubmitJob submit, TaskLedger ledger, BatchSizer sizer)
{
    public SubmitJob Submit { get; } = submit;
    public TaskLedger Ledger { get; } = ledger;
    public BatchSizer Sizer { get; } = sizer;
    public JobStats Stats { get; } = new();

    /// <summary>Tasks not yet resolved, when the job's size is known.</summary>
    public long? Remaining => Submit.Count - Ledger.Completed - Ledger.Failed;

    /// <summary>The first id the next job may use: ids are unique across jobs.</summary>
    public long NextFreeId => Ledger.FirstId + Ledger.Submitted;

    public void Publish(IReadOnlyList<TaskResult> results)
    {
        if (results.Count > 0) Submit.Listener.Tell(new ResultsReady(Submit.Name, results));
    }

    /// <summary>Publishes the inputs found unreadable since the last call (each already resolved as failed).</summary>
    public void PublishRejected() => Publish(Ledger.TakeRejected());

    /// <summary>Tells the listener the job is over; an interrupted job lists what did not finish.</summary>
    public void Complete(bool interrupted)
    {
        PublishRejected();
        Submit.Listener.Tell(new JobCompleted(new JobSummary(
            Submit.Name, Ledger.Submitted, Ledger.Completed, Ledger.Failed, Ledger.DuplicatesIgnored, Ledger.Requeued,
            new Dictionary<string, long>(Stats.PerNode), new Dictionary<string, long>(Stats.PerWorker),
            Stats.FirstDispatch, Stats.LastResult, interrupted, interrupted ? Ledger.Unresolved() : [],
            Stats.NodesLost.ToArray(), Stats.NodesJoined.ToArray())));
    }
}
