using ActorPar.Chunks;

namespace ActorPar.Engine;

/// <summary>One job for a <see cref="CoordinatorSession"/>.</summary>
/// <param name="Name">The job's name, for reports.</param>
/// <param name="Inputs">Read lazily, a chunk at a time (<see cref="JobInputs"/>); an <see cref="Coordination.InvalidInput"/> fails its task without running it.</param>
/// <param name="MaxWorkers">Lend chunks to at most this many workers (the first ones met), e.g. to measure one worker against all.</param>
/// <param name="ChunkSize">Every chunk this size (Pool.map's chunksize); null: actorpar.coordinator.chunk.size.</param>
public sealed record JobRequest(string Name, JobInputs Inputs, int? MaxWorkers = null, int? ChunkSize = null);
