using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>
/// run-cluster.sh through a pipe, as a script or CI would run it: every node's stdout comes
/// out on stdout and its stderr (error: lines, warnings) on stderr, each line prefixed with
/// the node's name; each node's log in the run folder has both, and the exit code is the
/// coordinator's. The script runs the node program the tests were built with (ACTORPAR_NODE_DLL).
/// </summary>
public sealed partial class RunClusterScriptSpec : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly string _folder = Directory.CreateTempSubdirectory("actorpar-run-cluster-").FullName;
    private readonly TcpListener _busy = new(IPAddress.Loopback, 0);

    public Task InitializeAsync()
    {
        _busy.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _busy.Stop();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_coordinator_port_in_use_is_one_prefixed_error_line_on_stderr_and_exit_code_2()
    {
        // arrange
        var port = ((IPEndPoint)_busy.LocalEndpoint).Port;
        var runDir = Path.Combine(_folder, "busy");

        // act
        await using var script = NodeProcess.StartScript("run-cluster", "run-cluster.sh",
            ["queue", "--port", port.ToString(), "--time-scale", "0.1", "--run-dir", runDir]);
        var code = await script.WaitForExitAsync(Bound);

        // assert: the error on stderr with its node's name, nothing else there; stdout only names the run folder
        Assert.Equal(2, code);
        Assert.Equal([$"[coordinator] error: port {port} on 127.0.0.1 is already in use"], script.ErrorLines);
        Assert.Equal([$"run folder: {runDir}"], StandardOutput(script));
        Assert.Equal([$"error: port {port} on 127.0.0.1 is already in use"], File.ReadAllLines(Path.Combine(runDir, "coordinator.log")));
        Assert.Empty(LiveNodes(runDir));
    }

    [Fact]
    public async Task A_good_run_relays_each_nodes_stdout_and_stderr_to_its_own_stream_and_logs_both()
    {
        // arrange
        var runDir = Path.Combine(_folder, "good");

        // act
        await using var script = NodeProcess.StartScript("run-cluster", "run-cluster.sh",
            ["sleep", "--tasks", "1,1", "--time-scale", "0.1", "--nodes", "2", "--run-dir", runDir]);
        var code = await script.WaitForExitAsync(Bound);

        // assert: exit 0, and the last line is the coordinator's
        Assert.True(code == 0, script.Output);
        var stdout = StandardOutput(script);
        Assert.Equal($"run folder: {runDir}", stdout[0]);
        var last = stdout.Last(l => l.StartsWith("[coordinator] ", StringComparison.Ordinal));
        Assert.StartsWith("[coordinator] total ", last);
        Assert.EndsWith("; exit code 0", last);
        Assert.Contains(stdout, l => l.StartsWith("[worker-1] ", StringComparison.Ordinal));
        Assert.Contains(stdout, l => l.StartsWith("[worker-2] ", StringComparison.Ordinal));
        // every other line is a node's, and each node's log holds exactly its lines: stdout ones
        // in their order, and stderr ones (warnings, errors) in theirs
        Assert.All(stdout.Skip(1).Concat(script.ErrorLines), l => Assert.Matches(Prefixed(), l));
        foreach (var node in new[] { "coordinator", "worker-1", "worker-2" })
        {
            var log = File.ReadAllLines(Path.Combine(runDir, $"{node}.log"));
            Assert.Equal(log.Where(l => !IsStandardError(l)), Of(node, stdout));
            Assert.Equal(log.Where(IsStandardError), Of(node, script.ErrorLines));
        }
        Assert.Empty(LiveNodes(runDir));
    }

    /// <summary>The lines the script wrote to stdout, in order.</summary>
    private static List<string> StandardOutput(NodeProcess script)
    {
        var errors = script.ErrorLines.ToList();
        var stdout = new List<string>();
        foreach (var line in script.Lines)
            if (!errors.Remove(line)) stdout.Add(line);
        return stdout;
    }

    /// <summary>A node's lines among <paramref name="lines"/>, its prefix taken off.</summary>
    private static IEnumerable<string> Of(string node, IEnumerable<string> lines) =>
        lines.Where(l => l.StartsWith($"[{node}] ", StringComparison.Ordinal)).Select(l => l[$"[{node}] ".Length..]);

    /// <summary>What the node program writes to stderr: its error: line, and log lines at WARN and above.</summary>
    private static bool IsStandardError(string line) =>
        line.StartsWith("error: ", StringComparison.Ordinal) || LogAtWarningOrAbove().IsMatch(line);

    /// <summary>Node processes whose pid file is in <paramref name="runDir"/> and that still run.</summary>
    private static List<int> LiveNodes(string runDir) =>
        Directory.EnumerateFiles(runDir, "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim())).Where(NodeProcess.IsRunning).ToList();

    [GeneratedRegex(@"^\[(coordinator|worker-\d+)\] ")]
    private static partial Regex Prefixed();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{3} (WARN |ERROR) ")]
    private static partial Regex LogAtWarningOrAbove();
}
