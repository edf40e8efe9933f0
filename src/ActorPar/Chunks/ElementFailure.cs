namespace ActorPar.Chunks;

/// <summary>An element of a chunk that threw: its offset in the chunk, and the one-line message of its exception.</summary>
public readonly record struct ElementFailure(int Offset, string Error);
