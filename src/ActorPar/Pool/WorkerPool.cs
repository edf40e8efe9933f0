using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ActorPar.Coordination;
using ActorPar.Hosting;
using ActorPar.Messaging;
using ActorPar.Workers;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPar.Pool;

/// <summary>
/// The counterpart of Python's <c>multiprocessing.Pool</c>, for a C# program: it makes this
/// program a node of an ActorPar cluster (its seed, or a member that joins one), starts or
/// waits for the worker nodes, and deploys <typeparamref name="TInput"/> to
/// <typeparamref name="TResult"/> workers on them through the coordinator and its router.
/// <see cref="MapAsync"/> is <c>Pool.map</c>; <see cref="StreamAsync"/> is
/// <c>imap_unordered</c>; <see cref="DisposeAsync"/> broadcasts Stop, stops the router and
/// lets the worker nodes go. Jobs run one at a time, in the order they were started.
/// Cancelling a call stops the waiting, not the job: the coordinator finishes it, and the
/// next job starts after it.
/// </summary>
public sealed class WorkerPool<TInput, TResult> : IAsyncDisposable
{
    private readonly ClusterNode _node;
    private readonly IActorRef _coordinator;
    private readonly LocalWorkerNodes? _localNodes;
    private readonly PoolOptions _options;
    private readonly TimeSpan _leaveTimeout;
    private readonly TimeSpan _stopTimeout;
    private int _disposed;

    private WorkerPool(ClusterNode node, IActorRef coordinator, LocalWorkerNodes? localNodes, PoolOptions options, int workers, TimeSpan stopTimeout)
    {
        _node = node;
        _coordinator = coordinator;
        _localNodes = localNodes;
        _options = options;
        Workers = workers;
        _stopTimeout = stopTimeout;
        _leaveTimeout = node.Config.GetTimeSpan("actorpar.cluster.leave-timeout", TimeSpan.FromSeconds(10));
    }

    /// <summary>This node's address; worker nodes you start yourself join it with --seed HOST:PORT.</summary>
    public Address Address => _node.Address;

    /// <summary>The worker node processes this pool started, for specs that check none is left.</summary>
    internal IReadOnlyList<int> LocalNodeProcessIds => _localNodes?.ProcessIds ?? [];

    /// <summary>How many worker actors were deployed.</summary>
    public int Workers { get; }

    /// <summary>Starts a pool of <typeparamref name="TWorker"/>, created on the worker nodes from its type alone.</summary>
    public static Task<WorkerPool<TInput, TResult>> StartAsync<TWorker>(PoolOptions? options = null, CancellationToken cancellation = default)
        where TWorker : Worker<TInput, TResult>, new() =>
        StartAsync(Props.Create<TWorker>(), options, cancellation);

    /// <summary>
    /// Starts a pool of the worker <paramref name="worker"/> describes. Its constructor
    /// arguments travel to the worker nodes, so they must serialize: this is checked first.
    /// </summary>
    /// <exception cref="NodeStartException">what is wrong, in one line: an argument or a type that cannot travel, a port in use, worker nodes that never came.</exception>
    public static async Task<WorkerPool<TInput, TResult>> StartAsync(Props worker, PoolOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new PoolOptions();
        var workerType = worker.Type ?? throw new NodeStartException("the worker's Props name no actor type");
        var config = Configure(options, out var typesList);
        var minWorkerNodes = config.GetInt("akka.cluster.role.worker.min-nr-of-members", 1);
        var settings = CoordinatorSettings.From(config, minWorkerNodes);

        var node = ClusterNode.Start(config);
        LocalWorkerNodes? localNodes = null;
        try
        {
            if (DeploymentCheck.Problems(node.System, worker) is [var problem, ..]) throw new NodeStartException(problem);
            var seed = options.Seed is { } given ? SeedAddress.Parse(given, node.System.Name) : node.Address;

            var local = options.LocalWorkerNodes ?? (options.Seed is null ? options.WorkerNodes : 0);
            if (local > 0)
                localNodes = LocalWorkerNodes.Start(options.NodeProgram ?? Path.Combine(AppContext.BaseDirectory, "ActorPar.Node.dll"), local,
                    WorkerNodeArguments(options, seed, workerType, typesList));

            var joined = node.JoinAsync([seed], settings.ReadyTimeout,
                $"no worker node joined within {settings.ReadyTimeout.TotalSeconds:0.#}s (waiting for {minWorkerNodes}); start them with --seed {seed.Host}:{seed.Port}");
            await Race(joined, localNodes, cancellation);

            var coordinator = node.System.ActorOf(Coordinator.Props(settings, WorkerRouter.Props(worker, settings)));
            var ready = coordinator.Ask<object>(NotifyWhenReady.Instance, settings.ReadyTimeout + TimeSpan.FromSeconds(5), cancellation);
            await Race(ready, localNodes, cancellation);
            if (await ready is CoordinatorNotReady notReady) throw new NodeStartException(notReady.Reason);
            return new WorkerPool<TInput, TResult>(node, coordinator, localNodes, options, ((CoordinatorReady)ready.Result).Workers, settings.StopTimeout);
        }
        catch
        {
            try { await node.AskMembersToLeaveAsync(WorkerRouter.WorkerRole, config.GetTimeSpan("actorpar.cluster.leave-timeout", TimeSpan.FromSeconds(10))); }
            catch (Exception) { /* going down anyway */ }
            await node.ShutdownAsync(CoordinatedShutdown.UnknownReason.Instance);
            if (localNodes is not null) await localNodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs every input through the workers and returns the results in input order, like <c>Pool.map</c>.</summary>
    /// <exception cref="PoolJobException">a task failed for good (after max-attempts tries), or the job was cut short.</exception>
    public async Task<IReadOnlyList<TResult>> MapAsync(IEnumerable<TInput> inputs, CancellationToken cancellation = default)
    {
        var results = new List<PoolResult<TInput, TResult>>();
        JobSummary? summary = null;
        await foreach (var item in RunAsync(inputs, cancellation))
            if (item is PoolResult<TInput, TResult> result) results.Add(result);
            else summary = (JobSummary)item;
        results.Sort((a, b) => a.Index.CompareTo(b.Index));
        var failures = results.Where(r => r.Failed).Select(r => new PoolFailure(r.Index, r.Error!)).ToList();
        foreach (var range in summary!.Unfinished)
            for (var i = range.First; i <= range.Last; i++) failures.Add(new PoolFailure(i, "the job was interrupted before this task finished"));
        if (failures.Count == 0) return results.Select(r => r.Result!).ToList();
        failures.Sort((a, b) => a.Index.CompareTo(b.Index));
        var total = summary.Completed + summary.Failed + summary.UnfinishedCount;
        throw new PoolJobException($"{failures.Count} of {total} task(s) got no result; first, task {failures[0].Index}: {failures[0].Error}", failures);
    }

    /// <summary>
    /// Runs every input through the workers and yields each outcome as it arrives, like
    /// <c>imap_unordered</c>: results and failures alike, each with its input's position.
    /// </summary>
    /// <exception cref="PoolJobException">the job was cut short (the pool was disposed, or every worker was lost).</exception>
    public async IAsyncEnumerable<PoolResult<TInput, TResult>> StreamAsync(IEnumerable<TInput> inputs, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await foreach (var item in RunAsync(inputs, cancellation))
        {
            if (item is PoolResult<TInput, TResult> result) yield return result;
            else if (item is JobSummary { Interrupted: true } summary)
                throw new PoolJobException($"the job was interrupted: {summary.UnfinishedCount} task(s) did not finish",
                    summary.Unfinished.SelectMany(r => Enumerable.Range(0, (int)r.Count).Select(i => new PoolFailure(r.First + i, "interrupted"))).ToList());
        }
    }

    /// <summary>Broadcasts Stop (each worker finishes its current task), stops the router, lets the worker nodes go, and shuts this node down.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            await _coordinator.Ask<WorkersStopped>(StopWorkers.Instance, _stopTimeout + TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            // workers that did not answer are taken down with their nodes below
        }
        if (_options.Seed is null) await _node.AskMembersToLeaveAsync(WorkerRouter.WorkerRole, _leaveTimeout);
        await _node.ShutdownAsync(CoordinatedShutdown.ClrExitReason.Instance);
        if (_localNodes is not null)
        {
            await _localNodes.StopAsync(_leaveTimeout);
            await _localNodes.DisposeAsync();
        }
    }

    /// <summary>Submits one job and yields its <see cref="PoolResult{TInput,TResult}"/>s as they arrive, then its <see cref="JobSummary"/>.</summary>
    private async IAsyncEnumerable<object> RunAsync(IEnumerable<TInput> inputs, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var (listener, events) = ChannelListener.Create(_node.System);
        _coordinator.Tell(new SubmitJob(typeof(TResult).Name, Boxed(inputs), listener, Count(inputs)));
        await foreach (var message in events.ReadAllAsync(cancellation))
        {
            switch (message)
            {
                case ResultsReady ready:
                    foreach (var result in ready.Results) yield return Convert(result);
                    break;
                case JobCompleted completed:
                    yield return completed.Summary;
                    yield break;
            }
        }
        throw new PoolJobException("the job ended without a summary: the pool's node is shutting down", []);
    }

    private static PoolResult<TInput, TResult> Convert(TaskResult result) =>
        new(result.Index, result.Input is TInput input ? input : default!, result.Result is TResult value ? value : default, result.Error);

    private static IEnumerable<object?> Boxed(IEnumerable<TInput> inputs)
    {
        foreach (var input in inputs) yield return input;
    }

    private static long? Count(IEnumerable<TInput> inputs) => inputs.TryGetNonEnumeratedCount(out var count) ? count : null;

    private static async Task Race(Task task, LocalWorkerNodes? nodes, CancellationToken cancellation)
    {
        var cancelled = Task.Delay(Timeout.Infinite, cancellation);
        var nodeExited = nodes?.AnyExited ?? Task.Delay(Timeout.Infinite, cancellation);
        var first = await Task.WhenAny(task, nodeExited, cancelled);
        if (first == nodeExited) throw new NodeStartException($"a worker node exited before the pool was ready: {await nodes!.AnyExited}");
        if (first == cancelled) throw new OperationCanceledException(cancellation);
        await task;
    }

    /// <summary>hocon/coordinator.conf, quiet by default, then the options; the worker's input and result types are allowed to travel.</summary>
    private static Config Configure(PoolOptions options, out string typesList)
    {
        var sets = new List<KeyValuePair<string, string>>
        {
            new("akka.remote.dot-netty.tcp.port", options.Port.ToString()),
            new("akka.cluster.role.worker.min-nr-of-members", options.WorkerNodes.ToString()),
        };
        if (options.Workers is { } workers) sets.Add(new("actorpar.coordinator.workers", workers.ToString()));
        sets.AddRange(options.Settings);
        var config = NodeConfig.Load("coordinator", overrides: sets, defaults: [new("akka.loglevel", "WARNING")]);
        typesList = UserMessageTypes.ListWith(config, [typeof(TInput), typeof(TResult)]);
        return UserMessageTypes.Bind(ConfigurationFactory.ParseString($"{UserMessageTypes.Key} = {typesList}").WithFallback(config));
    }

    private static List<string> WorkerNodeArguments(PoolOptions options, Address seed, Type workerType, string typesList)
    {
        var arguments = new List<string> { "--seed", $"{seed.Host}:{seed.Port}", "--worker-assembly", workerType.Assembly.Location };
        foreach (var assembly in options.WorkerAssemblies) arguments.AddRange(["--worker-assembly", Path.GetFullPath(assembly)]);
        arguments.AddRange(["--set", $"{UserMessageTypes.Key}={typesList}"]);
        foreach (var (key, value) in options.Settings) arguments.AddRange(["--set", $"{key}={value}"]);
        return arguments;
    }
}
