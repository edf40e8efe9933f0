namespace ActorPar.TestKit;

/// <summary>The final outcome of one input of a cluster job: its position, the input, and its result or the error of its last attempt, and the worker node that resolved it.</summary>
/// <param name="Index">The input's position in the job, from 0.</param>
/// <param name="Input">The input, as it came back from the worker node.</param>
/// <param name="Result">The result; default when the task failed for good.</param>
/// <param name="Error">The error of the task's last attempt (<c>ArgumentException: ...</c>), or null.</param>
/// <param name="Node">The address of the worker node whose worker resolved the task; empty when no worker did (an input that could not be read).</param>
public sealed record JobResult<TInput, TResult>(long Index, TInput Input, TResult? Result, string? Error, string Node)
{
    /// <summary>The task failed for good.</summary>
    public bool Failed => Error is not null;
}
