namespace ActorPar.TestKit;

/// <summary>What a cluster job came to: every input's result in input order, and the coordinator's report.</summary>
/// <param name="Results">One per input that was resolved, in input order (every input, unless the job was interrupted).</param>
/// <param name="Report">The coordinator's counts for the job, and the worker nodes it lost.</param>
public sealed record JobOutcome<TInput, TResult>(IReadOnlyList<JobResult<TInput, TResult>> Results, JobReport Report)
{
    /// <summary>The results alone, in input order, for a job where every task succeeded.</summary>
    /// <exception cref="InvalidOperationException">a task failed for good: the message names the first one.</exception>
    public IReadOnlyList<TResult> Values => Results.FirstOrDefault(r => r.Failed) is { } failed
        ? throw new InvalidOperationException($"task {failed.Index} (input {failed.Input}) failed: {failed.Error}")
        : Results.Select(r => r.Result!).ToList();
}
