namespace ActorPar.Engine;

/// <summary>One job for a <see cref="CoordinatorSession"/>.</summary>
/// <param name="Name">The job's name, for reports.</param>
/// <param name="Inputs">Read lazily, one input per task; an <see cref="Coordination.InvalidInput"/> fails its task without running it.</param>
/// <param name="Count">How many inputs there are, when known up front; it sizes batches and progress.</param>
/// <param name="MaxWorkers">Lend tasks to at most this many workers (the first ones met), e.g. to measure one worker against all.</param>
public sealed record JobRequest(string Name, IEnumerable<object?> Inputs, long? Count = null, int? MaxWorkers = null);
