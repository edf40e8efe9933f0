namespace ActorPar.TestKit;

/// <summary>
/// What one input came to in a worker under test, as the coordinator would record it: the
/// result, or the error the worker reported (its exception's type and message), how long the
/// task took on the worker, and whether the worker then asked for more work, as a healthy
/// worker does after every task, failed or not.
/// </summary>
/// <param name="Input">The input, as given.</param>
/// <param name="Result">The result, after its round trip through the serializer; default when the task failed.</param>
/// <param name="Error">The one line the coordinator gets for a failed task (<c>ArgumentException: ...</c>), or null.</param>
/// <param name="Duration">How long the task took, as the worker measured it.</param>
/// <param name="AskedForMore">Whether the worker asked for more work with its report.</param>
/// <param name="TimedOut">The task was silent past <c>actorpar.coordinator.task-timeout</c>, so the worker was killed and restarted, as the coordinator does.</param>
public sealed record WorkerOutcome<TInput, TResult>(TInput Input, TResult? Result, string? Error, TimeSpan Duration, bool AskedForMore, bool TimedOut)
{
    /// <summary>The task returned a result.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The task threw, or timed out.</summary>
    public bool Failed => Error is not null;

    /// <summary>The short name of the exception the task threw (<c>ArgumentOutOfRangeException</c>); null when it did not throw.</summary>
    public string? ErrorType => Split().Type;

    /// <summary>The exception's message, on one line, or what else went wrong (<c>timed out after 0.5s</c>); null when the task succeeded.</summary>
    public string? ErrorMessage => Split().Message;

    /// <summary>A worker reports a thrown exception as <c>Type: message</c>; anything else is a message alone.</summary>
    private (string? Type, string? Message) Split()
    {
        if (Error is null) return (null, null);
        var colon = Error.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !TimedOut && Error[..colon].All(c => char.IsLetterOrDigit(c) || c is '_' or '`')
            ? (Error[..colon], Error[(colon + 2)..])
            : (null, Error);
    }
}
