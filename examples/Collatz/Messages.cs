namespace Collatz;

// The worker's own input and result types. They cross the network between the coordinator
// and the worker nodes, so collatz.conf lists them in actorpar.serialization.types; a
// positional record's constructor is public, which MessagePack needs to rebuild it.

/// <summary>One task: the number the sequence starts from. In the input file: {"n": 27}.</summary>
public sealed record Start(long N);

/// <summary>One result: how many steps it took to reach 1, and the highest value on the way.</summary>
public sealed record Steps(long N, int Count, long Peak);
