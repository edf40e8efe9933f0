using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>
/// Hundreds of workers on several worker node processes: each one is deployed, counted and
/// stopped exactly once, from the router's deployment to the Stop broadcast.
/// </summary>
public sealed partial class ManyWorkersSpec : IAsyncLifetime
{
    private const int Nodes = 4;
    private const int Workers = 400;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);
    private readonly LocalCluster _cluster = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Four_hundred_workers_on_four_nodes_are_each_deployed_and_stopped_exactly_once()
    {
        // arrange: 100 workers on each of 4 worker nodes
        await _cluster.StartCoordinatorAsync(["noop", "--count", "20000", "--workers", $"{Workers}", "--ready-timeout", "60s"], workerNodes: Nodes);
        for (var i = 0; i < Nodes; i++) _cluster.StartWorker();

        // act
        var codes = await _cluster.WaitForAllToExitAsync(Bound);

        // assert: the coordinator saw 400 workers and stopped 400; the nodes stopped 400 distinct ones, 100 each
        Assert.All(codes, code => Assert.Equal(0, code.Value));
        var lines = _cluster.Coordinator.Lines.ToList();
        Assert.Contains(lines, l => l.StartsWith($"cluster up in ") && l.EndsWith($"; {Workers} workers deployed on {Nodes}+ worker node(s)"));
        Assert.Contains(lines, l => l.StartsWith($"broadcast Stop: {Workers} workers stopped in ") && !l.Contains("did not answer"));
        var stoppedIds = _cluster.Workers.SelectMany(w => w.Lines.Select(l => ShutdownLine().Match(l)).Where(m => m.Success))
            .Select(m => int.Parse(m.Groups["id"].Value)).ToList();
        Assert.Equal(Enumerable.Range(0, Workers), stoppedIds.Order());
        Assert.All(_cluster.Workers, w => Assert.Equal(Workers / Nodes, w.Lines.Count(l => ShutdownLine().IsMatch(l))));
        Assert.Equal(20000, _cluster.Report().GetProperty("tasks").GetProperty("completed").GetInt32());
    }

    [GeneratedRegex(@"worker (?<id>\d+) on \S+ shutting down")]
    private static partial Regex ShutdownLine();
}
