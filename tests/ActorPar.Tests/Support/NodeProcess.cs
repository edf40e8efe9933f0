using System.Collections.Concurrent;
using System.Diagnostics;

namespace ActorPar.Tests.Support;

/// <summary>
/// One real ActorPar node process, started from the built node program. Its output is
/// collected line by line so a test can wait for a line; disposing it kills it (and
/// anything it started) if it is still running, so no test leaves a process behind.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errorLines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    private NodeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }
    public int Id => _process.Id;
    public IReadOnlyCollection<string> Lines => _lines.ToArray();
    /// <summary>The lines it wrote to stderr alone (they are in <see cref="Lines"/> too).</summary>
    public IReadOnlyCollection<string> ErrorLines => _errorLines.ToArray();
    public string Output => string.Join(Environment.NewLine, _lines);

    /// <summary>The node program next to the test assembly (the test project references it, so it is built with the tests).</summary>
    public static string NodeDll => Path.Combine(AppContext.BaseDirectory, "ActorPar.Node.dll");

    public static NodeProcess Start(string name, IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        Launch(name, "dotnet", [NodeDll, .. arguments], environment);

    /// <summary>Starts another .NET program the same way, e.g. an example that uses the ActorPar library.</summary>
    public static NodeProcess StartProgram(string name, string dll, IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        Launch(name, "dotnet", [dll, .. arguments], environment);

    /// <summary>
    /// A script of the checkout (run-cluster.sh, scripts/...), run with bash and collected and
    /// killed like a node. Scripts that honour ACTORPAR_NODE_DLL use the node program the
    /// tests were built with; the nodes they start watch this test process and die with it.
    /// </summary>
    public static NodeProcess StartScript(string name, string script, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["ACTORPAR_NODE_DLL"] = NodeDll };
        return Launch(name, "bash", [Path.Combine(RepositoryRoot, script), .. arguments], variables);
    }

    /// <summary>The checkout the tests were built from: the first folder above the test assembly that holds run-cluster.sh.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "run-cluster.sh"))) return folder.FullName;
            throw new InvalidOperationException($"no run-cluster.sh above {AppContext.BaseDirectory}");
        }
    }

    private static NodeProcess Launch(string name, string program, IEnumerable<string> arguments, IDictionary<string, string>? environment)
    {
        // Through env --default-signal: a test run started in the background (as CI may start it)
        // inherits SIGINT and SIGQUIT ignored, and .NET keeps a signal ignored at start ignored.
        // Ctrl-C at a terminal reaches a foreground program, so the node starts as one would.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("--default-signal=INT,QUIT");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // If the test run itself dies, the node notices that its parent is gone and shuts down.
        start.Environment["ACTORPAR_PARENT_PID"] = Environment.ProcessId.ToString();
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process);
        process.OutputDataReceived += (_, e) => node.Receive(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) node._errorLines.Enqueue(e.Data);
            node.Receive(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _openStreams) == 0) _outputClosed.TrySetResult();
            return;
        }
        _lines.Enqueue(line);
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToArray())
            {
                waiter.Found.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits for a line that matches, including one already printed.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var seen = _lines.FirstOrDefault(match);
            if (seen is not null) return seen;
            _waiters.Add((match, found));
        }
        try
        {
            return await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} printed no matching line within {timeout.TotalSeconds}s. Its output:\n{Output}");
        }
    }

    /// <summary>Waits for the process to exit and for its output to be read; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            await _outputClosed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds}s. Its output:\n{Output}");
        }
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public void Signal(int signal) => Posix.Kill(_process.Id, signal);

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Whether a process that is not our child (a node a script started) is still running.</summary>
    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // never started, or already gone
        }
        _process.Dispose();
    }
}

/// <summary>The one POSIX call .NET lacks: sending a signal other than SIGKILL.</summary>
public static class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18; // Linux numbering
    public const int SigStop = 19;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    public static void Kill(int pid, int signal)
    {
        if (SysKill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed");
    }
}
