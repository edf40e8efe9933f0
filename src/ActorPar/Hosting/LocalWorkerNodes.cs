using System.Collections.Concurrent;
using System.Diagnostics;

namespace ActorPar.Hosting;

/// <summary>
/// Worker node processes that a program starts on its own machine, as Python's <c>Pool</c>
/// starts its processes: each runs the node program (<c>ActorPar.Node.dll worker</c>), joins
/// the given seed and loads the given assemblies. Each is told its parent's pid, so it shuts
/// down if this process dies; disposing kills any that did not leave by then.
/// </summary>
public sealed class LocalWorkerNodes : IAsyncDisposable
{
    private readonly List<(Process Process, ConcurrentQueue<string> Lines)> _nodes = [];

    private LocalWorkerNodes() { }

    public IReadOnlyList<int> ProcessIds => _nodes.Select(n => n.Process.Id).ToList();

    /// <summary>Completes when any node has exited, with the last line it printed (its error, if it failed).</summary>
    public Task<string> AnyExited { get; private set; } = new TaskCompletionSource<string>().Task;

    /// <param name="nodeProgram">Path of ActorPar.Node.dll.</param>
    /// <param name="arguments">Given to every node after <c>worker</c>: --seed, --worker-assembly, --set...</param>
    public static LocalWorkerNodes Start(string nodeProgram, int count, IReadOnlyList<string> arguments)
    {
        if (!File.Exists(nodeProgram))
            throw new NodeStartException($"the node program {nodeProgram} does not exist: reference ActorPar.Node's project so it is copied next to your program, or name it in PoolOptions.NodeProgram");
        var nodes = new LocalWorkerNodes();
        var exits = new List<Task<string>>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                start.ArgumentList.Add(nodeProgram);
                start.ArgumentList.Add("worker");
                foreach (var argument in arguments) start.ArgumentList.Add(argument);
                start.Environment[ShutdownSignals.ParentVariable] = Environment.ProcessId.ToString();
                var process = new Process { StartInfo = start, EnableRaisingEvents = true };
                var lines = new ConcurrentQueue<string>();
                process.OutputDataReceived += (_, e) => Keep(lines, e.Data);
                process.ErrorDataReceived += (_, e) => Keep(lines, e.Data);
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                nodes._nodes.Add((process, lines));
                exits.Add(LastLineAfterExitAsync(process, lines));
            }
        }
        catch
        {
            nodes.KillAll();
            throw;
        }
        nodes.AnyExited = Task.WhenAny(exits).Unwrap();
        return nodes;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for every node to exit (after it was asked to leave), then kills the rest.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        try
        {
            await Task.WhenAll(_nodes.Select(n => n.Process.WaitForExitAsync())).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            KillAll();
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillAll();
        foreach (var (process, _) in _nodes)
        {
            try { await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
            catch (TimeoutException) { /* the kernel has it; nothing more we can do */ }
            process.Dispose();
        }
        _nodes.Clear();
    }

    private void KillAll()
    {
        foreach (var (process, _) in _nodes)
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* already gone */ }
        }
    }

    private static void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is null) return;
        lines.Enqueue(line);
        while (lines.Count > 50) lines.TryDequeue(out _);
    }

    private static async Task<string> LastLineAfterExitAsync(Process process, ConcurrentQueue<string> lines)
    {
        await process.WaitForExitAsync();
        return lines.LastOrDefault() ?? $"exit code {process.ExitCode}";
    }
}
