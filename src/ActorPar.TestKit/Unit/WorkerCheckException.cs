namespace ActorPar.TestKit;

/// <summary>
/// The worker under test, or a value it takes or returns, would fail on a real cluster: it is
/// no worker, overrides neither <c>Process</c> nor <c>ProcessAsync</c>, has constructor
/// arguments that cannot be sent to a worker node, or its input or result cannot cross the
/// network (a type not listed in <c>actorpar.serialization.types</c>, or a value MessagePack
/// cannot write and read back). The message says what, and how to fix it, in the words a node
/// would use.
/// </summary>
public sealed class WorkerCheckException(IReadOnlyList<string> problems)
    : Exception(problems.Count == 1 ? problems[0] : string.Join(Environment.NewLine, problems.Prepend($"{problems.Count} problems:")))
{
    /// <summary>Every problem found, one line each.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
