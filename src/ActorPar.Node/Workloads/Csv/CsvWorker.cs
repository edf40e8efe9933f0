using System.Diagnostics;
using Sylvan.Data.Csv;

namespace ActorPar.Node.Workloads.Csv;

/// <summary>
/// Reads one CSV file with Sylvan.Data.Csv, row by row, counting rows and adding up the third
/// column; the file is never held in memory. Reading blocks a thread, so this worker runs on
/// <see cref="Dispatcher"/> (hocon/common.conf), whose own threads may block without
/// starving the threads the cluster's heartbeats run on. A file that is missing or cannot
/// be read fails its task, with its path in the message.
/// </summary>
public sealed class CsvWorker : Worker<CsvRead, CsvFileRead>
{
    /// <summary>The dispatcher for actors that block on I/O.</summary>
    public const string Dispatcher = "actorpar.blocking-io-dispatcher";

    public static Props Props() => Akka.Actor.Props.Create<CsvWorker>().WithDispatcher(Dispatcher);

    protected override CsvFileRead Process(CsvRead read)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var reader = CsvDataReader.Create(read.Path, new CsvDataReaderOptions { HasHeaders = true });
            long rows = 0, sum = 0;
            while (reader.Read())
            {
                rows++;
                if (reader.FieldCount > 2 && long.TryParse(reader.GetFieldSpan(2), out var value)) sum += value;
            }
            return new CsvFileRead(read.Path, rows, sum, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied, or it is a folder",
                _ => e.Message,
            };
            throw new IOException($"cannot read {read.Path}: {why}", e);
        }
    }
}

/// <summary>One task: read the CSV file at <paramref name="Path"/> (a path every worker node can see) from start to end.</summary>
public sealed record CsvRead(string Path) : IActorParMessage;

/// <summary>
/// A file read to its end: its data rows (the first line is the header, as pandas reads it),
/// the sum of its third column where that column holds whole numbers, and how long it took.
/// </summary>
public sealed record CsvFileRead(string Path, long Rows, long ValueSum, double Seconds) : IActorParMessage;
