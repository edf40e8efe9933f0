using System.Buffers.Text;
using System.Diagnostics;
using System.Text;

namespace ActorPar.Node.Workloads.Csv;

/// <summary>
/// Seed 000's generated file: <c>line,data,{i}</c> for i in 0..rows-1, one per line. It is
/// written once per size into a folder and reused while it has exactly the size it should;
/// it is written to a temporary name and renamed, so a run that stops halfway never leaves a
/// file that looks finished.
/// </summary>
public static class SeedCsvFile
{
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("line,data,");

    public static string PathFor(string folder, long rows) => Path.Combine(folder, $"seed-{rows}-rows.csv");

    /// <summary>The file's size in bytes: every line is the prefix, the digits of i and a newline.</summary>
    public static long SizeOf(long rows)
    {
        long size = (Prefix.Length + 1L) * rows;
        for (long low = 0, high = 10, digits = 1; low < rows; low = high, high *= 10, digits++)
            size += (Math.Min(high, rows) - low) * digits;
        return size;
    }

    /// <summary>Rows a CSV reader returns: every line but the first, which is the header.</summary>
    public static long DataRowsOf(long rows) => Math.Max(0, rows - 1);

    /// <summary>The sum of the third column over the data rows: 1 + 2 + ... + (rows - 1).</summary>
    public static long ValueSumOf(long rows) => rows < 2 ? 0 : (rows - 1) * rows / 2;

    /// <summary>Writes the file unless it is already there with the right size; says whether it wrote it.</summary>
    public static async Task<bool> EnsureAsync(string path, long rows, CancellationToken cancellation)
    {
        if (File.Exists(path) && new FileInfo(path).Length == SizeOf(rows)) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var partial = $"{path}.{Environment.ProcessId}.partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                await WriteAsync(file, rows, cancellation);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        return true;
    }

    /// <summary>Ensures the file before the workers start, and says whether it was generated or reused; a file it cannot write stops the start.</summary>
    public static async Task<string> PrepareAsync(string path, long rows, CancellationToken cancellation)
    {
        var (clock, size) = (Stopwatch.StartNew(), $"{WorkloadOptions.Show(rows)} rows, {SizeOf(rows) / 1e6:0.0} MB");
        try
        {
            return await EnsureAsync(path, rows, cancellation) ? $"generated {path} ({size}) in {clock.Elapsed.TotalSeconds:0.00}s" : $"reusing {path} ({size})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeStartException($"cannot write {path}: {e.Message}", e);
        }
    }

    private static async Task WriteAsync(Stream file, long rows, CancellationToken cancellation)
    {
        var buffer = new byte[1 << 20];
        var used = 0;
        for (long i = 0; i < rows; i++)
        {
            if (used > buffer.Length - 64)
            {
                await file.WriteAsync(buffer.AsMemory(0, used), cancellation);
                used = 0;
            }
            Prefix.CopyTo(buffer, used);
            used += Prefix.Length;
            Utf8Formatter.TryFormat(i, buffer.AsSpan(used), out var written);
            used += written;
            buffer[used++] = (byte)'\n';
        }
        await file.WriteAsync(buffer.AsMemory(0, used), cancellation);
    }
}
