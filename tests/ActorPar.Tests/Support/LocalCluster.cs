using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActorPar.Tests.Support;

/// <summary>
/// A real cluster of node processes on 127.0.0.1, as run-cluster.sh starts it: a coordinator
/// that binds a port the OS picks (so two runs never collide) and worker nodes that join it.
/// Disposing it kills whatever is still running.
/// </summary>
public sealed partial class LocalCluster : IAsyncDisposable
{
    private readonly List<NodeProcess> _nodes = [];

    public LocalCluster()
    {
        Folder = Directory.CreateTempSubdirectory("actorpar-test-").FullName;
    }

    public string Folder { get; }
    public NodeProcess Coordinator => _nodes.Single(n => n.Name == "coordinator");
    public IReadOnlyList<NodeProcess> Workers => _nodes.Where(n => n.Name.StartsWith("worker", StringComparison.Ordinal)).ToList();
    public IReadOnlyList<NodeProcess> Nodes => _nodes;
    public string ReportPath => Path.Combine(Folder, "report.json");
    public string Seed { get; private set; } = "";

    /// <summary>Starts the coordinator with <paramref name="arguments"/> and waits until it has bound its port.</summary>
    public async Task StartCoordinatorAsync(IEnumerable<string> arguments, int workerNodes, IDictionary<string, string>? environment = null)
    {
        var coordinator = NodeProcess.Start("coordinator",
            ["coordinator", .. arguments, "--nodes", workerNodes.ToString(), "--report", ReportPath, "--progress", "plain"], environment);
        _nodes.Add(coordinator);
        var line = await coordinator.WaitForLineAsync(l => l.Contains(" waiting for "), TimeSpan.FromSeconds(30));
        Seed = AddressPattern().Match(line).Groups["hostport"].Value;
    }

    public NodeProcess StartWorker(IEnumerable<string>? arguments = null, IDictionary<string, string>? environment = null)
    {
        var worker = NodeProcess.Start($"worker-{Workers.Count + 1}", ["worker", "--seed", Seed, .. arguments ?? []], environment);
        _nodes.Add(worker);
        return worker;
    }

    public async Task<Dictionary<string, int>> WaitForAllToExitAsync(TimeSpan timeout)
    {
        var codes = new Dictionary<string, int>();
        foreach (var node in _nodes) codes[node.Name] = await node.WaitForExitAsync(timeout);
        return codes;
    }

    /// <summary>The coordinator's report, read strictly: a property named twice in one object fails the test.</summary>
    public JsonElement Report() => StrictJson.Parse(File.ReadAllText(ReportPath));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"akka(\.ssl)?\.tcp://\w+@(?<hostport>[\d.]+:\d+)")]
    private static partial Regex AddressPattern();
}
