using ActorPar.Engine;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorPar.TestKit.Internal;

/// <summary>
/// The worker nodes of a <see cref="TestCluster{TInput,TResult}"/>, for the
/// <see cref="CoordinatorSession"/> that runs the cluster: it watches them while it starts
/// (a node that fails to start fails the start, with its error), asks them to leave at its
/// end and waits for them, and kills whatever has not left by then.
/// </summary>
internal sealed class InProcessWorkerNodes : ILocalWorkerNodes
{
    private readonly List<TestWorkerNode> _nodes = [];
    private readonly Func<Config> _config;
    private readonly ITestOutputHelper? _output;

    private InProcessWorkerNodes(Func<Config> config, ITestOutputHelper? output)
    {
        _config = config;
        _output = output;
    }

    public IReadOnlyList<TestWorkerNode> Nodes
    {
        get { lock (_nodes) return _nodes.ToList(); }
    }

    /// <inheritdoc />
    public Task<string> AnyExited { get; private set; } = new TaskCompletionSource<string>().Task;

    /// <param name="config">Builds one worker node's configuration (its seed included).</param>
    public static InProcessWorkerNodes Start(Func<Config> config, int count, ITestOutputHelper? output)
    {
        var nodes = new InProcessWorkerNodes(config, output);
        for (var i = 0; i < count; i++) nodes.Add();
        nodes.AnyExited = Task.WhenAny(nodes.Nodes.Select(LastWordsAsync)).Unwrap();
        return nodes;
    }

    /// <summary>Starts one more worker node; it joins the cluster as a node started by hand would.</summary>
    public TestWorkerNode Add()
    {
        lock (_nodes)
        {
            var node = TestWorkerNode.Start($"worker-{_nodes.Count + 1}", _config(), _output);
            _nodes.Add(node);
            return node;
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(TimeSpan timeout)
    {
        try
        {
            await Task.WhenAll(Nodes.Select(n => n.Exited)).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await KillAllAsync();
        }
        catch (Exception)
        {
            // a node that failed has exited all the same
        }
    }

    public async ValueTask DisposeAsync() => await KillAllAsync();

    private async Task KillAllAsync()
    {
        foreach (var node in Nodes.Where(n => !n.Exited.IsCompleted))
        {
            try { await node.KillAsync(); }
            catch (Exception) { /* it is going down all the same */ }
        }
    }

    /// <summary>When a node exits during the start: its exit code, or the one line of why it could not start.</summary>
    private static async Task<string> LastWordsAsync(TestWorkerNode node)
    {
        try
        {
            return $"{node.Name} exited with code {await node.Exited}";
        }
        catch (Exception e)
        {
            return $"{node.Name}: {e.Message}";
        }
    }
}
