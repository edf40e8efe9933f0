using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using ActorPar.Engine;
using ActorPar.Hosting;

namespace ActorPar.Pool;

/// <summary>
/// Worker node processes a program starts on its own machine, as Python's <c>Pool</c> starts
/// its processes. By default each is this very program, started again with the same
/// arguments, as Python's <c>spawn</c> start method does: in it,
/// <see cref="WorkerPool{TInput,TResult}.StartAsync(Akka.Actor.Props, PoolOptions?, CancellationToken)"/>
/// sees <see cref="RoleVariable"/> and runs a worker node instead of a pool. A program can name
/// another command instead (<see cref="PoolOptions.WorkerNodeCommand"/>). Each node gets its
/// configuration through <c>ACTORPAR__</c> environment variables and is told its parent's pid,
/// so it shuts down if this process dies; disposing kills any that did not leave by then.
/// </summary>
public sealed class LocalWorkerNodes : ILocalWorkerNodes
{
    /// <summary>Set to <c>worker</c> in the processes a pool starts: they run a worker node.</summary>
    public const string RoleVariable = "ACTORPAR_POOL_ROLE";

    private readonly List<(Process Process, ConcurrentQueue<string> Lines)> _nodes = [];

    private LocalWorkerNodes() { }

    /// <summary>The process ids of the worker nodes started.</summary>
    public IReadOnlyList<int> ProcessIds => _nodes.Select(n => n.Process.Id).ToList();

    /// <inheritdoc />
    public Task<string> AnyExited { get; private set; } = new TaskCompletionSource<string>().Task;

    /// <summary>Whether this process was started by a pool to be one of its worker nodes.</summary>
    public static bool IsWorkerNode => Environment.GetEnvironmentVariable(RoleVariable) == "worker";

    /// <summary>The command that starts this program again: its executable, or <c>dotnet</c> and its entry assembly, then its own arguments.</summary>
    public static IReadOnlyList<string> ThisProgram()
    {
        var command = new List<string> { Environment.ProcessPath ?? "dotnet" };
        if (Path.GetFileNameWithoutExtension(command[0]) == "dotnet" && Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry)
            command.Add(entry);
        command.AddRange(Environment.GetCommandLineArgs().Skip(1));
        return command;
    }

    /// <param name="command">The program and its arguments.</param>
    /// <param name="environment">Set in every node: its configuration (<c>ACTORPAR__</c> keys) and role.</param>
    public static LocalWorkerNodes Start(IReadOnlyList<string> command, int count, IReadOnlyDictionary<string, string> environment)
    {
        var nodes = new LocalWorkerNodes();
        var exits = new List<Task<string>>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var argument in command.Skip(1)) start.ArgumentList.Add(argument);
                foreach (var (key, value) in environment) start.Environment[key] = value;
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
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            nodes.KillAll();
            throw new NodeStartException($"cannot start a worker node with {string.Join(' ', command)}: {e.Message}", e);
        }
        nodes.AnyExited = Task.WhenAny(exits).Unwrap();
        return nodes;
    }

    /// <inheritdoc />
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

    /// <inheritdoc />
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
