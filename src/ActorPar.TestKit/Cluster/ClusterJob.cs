using ActorPar.Engine;
using ActorPar.TestKit.Internal;

namespace ActorPar.TestKit;

/// <summary>
/// A job running on a <see cref="TestCluster{TInput,TResult}"/>: results arrive while a test
/// does something to the cluster (kills a worker node once some results are in, say), and
/// <see cref="Completion"/> gives every result and the report when the job is over.
/// </summary>
public sealed class ClusterJob<TInput, TResult>
{
    private readonly List<JobResult<TInput, TResult>> _results = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];

    internal ClusterJob(CoordinatorSession session, IReadOnlyCollection<TInput> inputs)
    {
        Completion = Task.Run(() => RunAsync(session, inputs));
    }

    /// <summary>How many inputs have a final result so far.</summary>
    public int ResultCount
    {
        get { lock (_results) return _results.Count; }
    }

    /// <summary>Completes with every result, in input order, and the coordinator's report, once the job is over.</summary>
    public Task<JobOutcome<TInput, TResult>> Completion { get; }

    /// <summary>Completes once at least <paramref name="count"/> inputs have their final result.</summary>
    /// <exception cref="InvalidOperationException">the job ended with fewer results.</exception>
    public Task WaitForResultsAsync(int count, CancellationToken cancellation = default)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_results)
        {
            if (_results.Count >= count) return Task.CompletedTask;
            if (Completion.IsCompleted) return Task.FromException(new InvalidOperationException($"the job ended with {_results.Count} result(s), fewer than {count}"));
            _waiters.Add((count, reached));
        }
        return reached.Task.WaitAsync(cancellation);
    }

    private async Task<JobOutcome<TInput, TResult>> RunAsync(CoordinatorSession session, IReadOnlyCollection<TInput> inputs)
    {
        JobReport? report = null;
        try
        {
            await foreach (var e in session.RunAsync(JobEvents.Request(inputs.Select(i => (object?)i), inputs.Count)))
            {
                foreach (var (index, input, result, error, node) in JobEvents.Results(e))
                    Add(new JobResult<TInput, TResult>(index, input is TInput typed ? typed : default!, result is TResult value ? value : default, error, node));
                report = JobEvents.Report(e) ?? report;
            }
        }
        finally
        {
            lock (_results)
                foreach (var (count, reached) in _waiters)
                    reached.TrySetException(new InvalidOperationException($"the job ended with {_results.Count} result(s), fewer than {count}"));
        }
        if (report is null) throw new InvalidOperationException("the job ended without a report: the coordinator's node shut down");
        lock (_results) return new JobOutcome<TInput, TResult>(_results.OrderBy(r => r.Index).ToList(), report);
    }

    private void Add(JobResult<TInput, TResult> result)
    {
        lock (_results)
        {
            _results.Add(result);
            foreach (var waiter in _waiters.Where(w => _results.Count >= w.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
