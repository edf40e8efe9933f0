namespace MyWorker;

// The worker's input and result. They cross the network between the coordinator and the
// worker nodes, so MyWorker.conf lists them in actorpar.serialization.types; a positional
// record has the public constructor MessagePack needs to rebuild it.

/// <summary>One task: a text. In the input file: {"content": "the quick brown fox"}.</summary>
public sealed record Text(string Content);

/// <summary>One result: how many words the text has, and its longest word.</summary>
public sealed record Counted(int Words, string Longest);
