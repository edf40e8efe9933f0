using ActorPar.Messaging;

namespace ActorPar.Node.Workloads.Csv;

// What a CsvWorker is given and gives back, inside the coordinator's Work and WorkDone.

/// <summary>One task: read the CSV file at <paramref name="Path"/> (a path every worker node can see) from start to end.</summary>
public sealed record CsvRead(string Path) : IActorParMessage;

/// <summary>
/// A file read to its end: its data rows (the first line is the header, as pandas reads it),
/// the sum of its third column where that column holds whole numbers, and how long it took.
/// </summary>
public sealed record CsvFileRead(string Path, long Rows, long ValueSum, double Seconds) : IActorParMessage;
