using ActorPar.Engine;
using ActorPar.Hosting;
using ActorPar.TestKit.Internal;
using ActorPar.Workers;
using Akka.Actor;

namespace ActorPar.TestKit;

/// <summary>
/// A real little ActorPar cluster inside the test process, for a test of a worker on the
/// cluster: a coordinator node and N worker nodes, each its own actor system with real
/// remoting on 127.0.0.1 and a port the OS picks, formed as run-cluster.sh forms one. The
/// coordinator is ActorPar's own (<see cref="CoordinatorSession"/>: the coordinator actor,
/// the cluster-aware router that deploys your worker on the worker nodes, the Stop
/// broadcast), and so is each worker node's lifecycle. <see cref="RunAsync"/> runs a job of
/// your inputs and returns every result and the coordinator's report;
/// <see cref="KillWorkerNodeAsync"/> kills a worker node mid-job. Dispose it (<c>await using</c>)
/// and every node is stopped, even when the test failed.
/// </summary>
public sealed class TestCluster<TInput, TResult> : IAsyncDisposable
{
    private readonly CoordinatorSession _session;
    private readonly InProcessWorkerNodes _nodes;

    private TestCluster(CoordinatorSession session, InProcessWorkerNodes nodes)
    {
        _session = session;
        _nodes = nodes;
    }

    /// <summary>The coordinator node's address (the cluster's seed).</summary>
    public Address Coordinator => _session.Address;

    /// <summary>The worker nodes, in the order they were started.</summary>
    public IReadOnlyList<TestWorkerNode> WorkerNodes => _nodes.Nodes;

    /// <summary>How many worker actors the router deployed.</summary>
    public int Workers => _session.Workers;

    /// <summary>Starts a cluster of <typeparamref name="TWorker"/>, created on the worker nodes from its type alone.</summary>
    public static Task<TestCluster<TInput, TResult>> StartAsync<TWorker>(TestClusterOptions? options = null, CancellationToken cancellation = default)
        where TWorker : Worker<TInput, TResult>, new() =>
        StartAsync(Props.Create<TWorker>(), options, cancellation);

    /// <summary>Starts a cluster of the worker <paramref name="worker"/> describes; returns once every worker is deployed.</summary>
    /// <exception cref="NodeStartException">the cluster could not start, in the one line a node would print: a worker or a type that cannot travel, a worker node that could not start.</exception>
    public static async Task<TestCluster<TInput, TResult>> StartAsync(Props worker, TestClusterOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new TestClusterOptions();
        Type[] taskTypes = [typeof(TInput), typeof(TResult)];
        var sizes = new List<KeyValuePair<string, string>>();
        if (options.WorkerNodes is { } count) sizes.Add(new(ConfigKeys.WorkerNodes.Key, count.ToString()));
        if (options.Workers is { } workers) sizes.Add(new(ConfigKeys.Workers.Key, workers.ToString()));
        var config = TestKitHocon.ClusterNode(options.Config.Load("coordinator", taskTypes, sizes));

        InProcessWorkerNodes? nodes = null;
        var session = await CoordinatorSession.StartAsync(new SessionOptions
        {
            Config = config,
            Workers = (_, _) => Task.FromResult(worker),
            LocalWorkerNodes = seed => nodes = InProcessWorkerNodes.Start(
                () => TestKitHocon.ClusterNode(options.Config.Load("worker", taskTypes, [new(ConfigKeys.Seed.Key, $"{seed.Host}:{seed.Port}")])),
                config.GetInt(ConfigKeys.WorkerNodes.Key), options.Output),
        }, cancellation);
        NodeOutput.Attach(session.Node.System, options.Output, "coordinator");
        return new TestCluster<TInput, TResult>(session, nodes!);
    }

    /// <summary>Runs one job of <paramref name="inputs"/> and returns every result, in input order, and the coordinator's report.</summary>
    public Task<JobOutcome<TInput, TResult>> RunAsync(IEnumerable<TInput> inputs, CancellationToken cancellation = default) =>
        StartJob(inputs).Completion.WaitAsync(cancellation);

    /// <summary>Starts one job of <paramref name="inputs"/> and returns at once, for a test that acts on the cluster while the job runs.</summary>
    public ClusterJob<TInput, TResult> StartJob(IEnumerable<TInput> inputs) => new(_session, inputs.ToList());

    /// <summary>
    /// Kills worker node <paramref name="index"/> (from 0) abruptly, as SIGKILL kills a process:
    /// its sockets close and nothing more leaves it. The coordinator notices as it notices a
    /// killed process (unreachable, its tasks taken back, then downed); docs/testing.md says
    /// where an in-process kill differs from a real one.
    /// </summary>
    public Task KillWorkerNodeAsync(int index) => WorkerNodes[index].KillAsync();

    /// <summary>Sends worker node <paramref name="index"/> what SIGTERM would: its workers finish their current task and hand back the rest, it leaves, and it exits 143.</summary>
    public Task<int> TerminateWorkerNodeAsync(int index) => WorkerNodes[index].TerminateAsync();

    /// <summary>Starts one more worker node, which joins the cluster as a node started by hand would.</summary>
    public TestWorkerNode AddWorkerNode() => _nodes.Add();

    /// <summary>Broadcasts Stop, lets the worker nodes leave (killing any that do not), and shuts the coordinator down.</summary>
    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
