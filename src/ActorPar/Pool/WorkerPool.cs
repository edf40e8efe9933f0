using System.Runtime.CompilerServices;
using ActorPar.Coordination;
using ActorPar.Engine;
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
/// <typeparamref name="TResult"/> workers on them, through a <see cref="CoordinatorSession"/>.
/// <see cref="MapAsync"/> is <c>Pool.map</c>; <see cref="StreamAsync"/> is
/// <c>imap_unordered</c>; <see cref="DisposeAsync"/> broadcasts Stop, stops the router and
/// lets the worker nodes go. Jobs run one at a time, in the order they were started.
/// Cancelling a call stops the waiting, not the job: the coordinator finishes it, and the
/// next job starts after it.
/// </summary>
public sealed class WorkerPool<TInput, TResult> : IAsyncDisposable
{
    private readonly CoordinatorSession _session;
    private readonly LocalWorkerNodes? _localNodes;

    private WorkerPool(CoordinatorSession session, LocalWorkerNodes? localNodes)
    {
        _session = session;
        _localNodes = localNodes;
    }

    /// <summary>This node's address; worker nodes you start yourself join it with --seed HOST:PORT.</summary>
    public Address Address => _session.Address;

    /// <summary>The worker node processes this pool started, for specs that check none is left.</summary>
    internal IReadOnlyList<int> LocalNodeProcessIds => _localNodes?.ProcessIds ?? [];

    /// <summary>How many worker actors were deployed.</summary>
    public int Workers => _session.Workers;

    /// <summary>Starts a pool of <typeparamref name="TWorker"/>, created on the worker nodes from its type alone.</summary>
    public static Task<WorkerPool<TInput, TResult>> StartAsync<TWorker>(PoolOptions? options = null, CancellationToken cancellation = default)
        where TWorker : Worker<TInput, TResult>, new() =>
        StartAsync(Props.Create<TWorker>(), options, cancellation);

    /// <summary>
    /// Starts a pool of the worker <paramref name="worker"/> describes. Its constructor
    /// arguments travel to the worker nodes, so they must serialize: this is checked first.
    /// In a process this pool started to be one of its worker nodes, it runs that node instead
    /// and ends the process when the node exits.
    /// </summary>
    /// <exception cref="NodeStartException">what is wrong, in one line: an argument or a type that cannot travel, a port in use, worker nodes that never came.</exception>
    public static async Task<WorkerPool<TInput, TResult>> StartAsync(Props worker, PoolOptions? options = null, CancellationToken cancellation = default)
    {
        if (LocalWorkerNodes.IsWorkerNode) Environment.Exit(await RunWorkerNodeAsync());
        options ??= new PoolOptions();
        var workerType = worker.Type ?? throw new NodeStartException("the worker's Props name no actor type");
        var (config, nodeSettings) = Configure(options);
        LocalWorkerNodes? localNodes = null;
        var local = options.LocalWorkerNodes ?? (options.Seed is null ? config.GetInt(ConfigKeys.WorkerNodes.Key) : 0);
        var session = await CoordinatorSession.StartAsync(new SessionOptions
        {
            Config = config,
            Workers = (_, _) => Task.FromResult(worker),
            Seed = options.Seed is { } given ? SeedAddress.Parse(given, config.GetString(ConfigKeys.SystemName.Key)) : null,
            LocalWorkerNodes = local == 0 ? null : seed => localNodes = LocalWorkerNodes.Start(
                options.WorkerNodeCommand ?? LocalWorkerNodes.ThisProgram(), local, WorkerNodeEnvironment(options, seed, workerType, nodeSettings)),
        }, cancellation);
        return new WorkerPool<TInput, TResult>(session, localNodes);
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
    public ValueTask DisposeAsync() => _session.DisposeAsync();

    /// <summary>Runs one job and yields its <see cref="PoolResult{TInput,TResult}"/>s as they arrive, then its <see cref="JobSummary"/>.</summary>
    private async IAsyncEnumerable<object> RunAsync(IEnumerable<TInput> inputs, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var count = inputs.TryGetNonEnumeratedCount(out var known) ? known : (long?)null;
        await foreach (var e in _session.RunAsync(new JobRequest(typeof(TResult).Name, inputs.Select(i => (object?)i), count), cancellation))
        {
            if (e is ResultsReady ready)
                foreach (var result in ready.Results)
                    yield return new PoolResult<TInput, TResult>(result.Index, result.Input is TInput input ? input : default!,
                        result.Result is TResult value ? value : default, result.Error);
            else if (e is JobCompleted completed)
            {
                yield return completed.Summary;
                yield break;
            }
        }
        throw new PoolJobException("the job ended without a summary: the pool's node is shutting down", []);
    }

    /// <summary>This process was started by a pool to be a worker node: run it, with the configuration the pool passed in the environment.</summary>
    private static async Task<int> RunWorkerNodeAsync()
    {
        var signals = ShutdownSignals.ForProcess;
        try
        {
            WorkerAssemblyLoader.LoadWithEnvironment([]);
            return await WorkerNode.RunAsync(NodeConfig.Load("worker"), signals);
        }
        catch (NodeStartException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
    }

    /// <summary>
    /// hocon/coordinator.conf, quiet by default, then the options; the worker's input and result
    /// types are allowed to travel. Also returns the settings the worker nodes must share.
    /// </summary>
    private static (Config Config, List<KeyValuePair<string, string>> NodeSettings) Configure(PoolOptions options)
    {
        var sets = new List<KeyValuePair<string, string>>();
        if (options.Port is { } port) sets.Add(new(ConfigKeys.Port.Key, port.ToString()));
        if (options.WorkerNodes is { } nodes) sets.Add(new(ConfigKeys.WorkerNodes.Key, nodes.ToString()));
        if (options.Workers is { } workers) sets.Add(new(ConfigKeys.Workers.Key, workers.ToString()));
        sets.AddRange(options.Settings);
        var quiet = new KeyValuePair<string, string>("akka.loglevel", "WARNING");
        var config = NodeConfig.Load("coordinator", overrides: sets, defaults: [quiet]);
        var types = new KeyValuePair<string, string>(UserMessageTypes.Key, UserMessageTypes.ListWith(config, [typeof(TInput), typeof(TResult)]));
        config = NodeConfig.Load("coordinator", overrides: [.. sets, types], defaults: [quiet]);
        return (config, [quiet, types, .. options.Settings]);
    }

    /// <summary>What a local worker node needs: its role, the seed, the shared settings, and (for a named command) the worker's assembly.</summary>
    private static Dictionary<string, string> WorkerNodeEnvironment(PoolOptions options, Address seed, Type workerType, List<KeyValuePair<string, string>> settings)
    {
        var environment = new Dictionary<string, string> { [LocalWorkerNodes.RoleVariable] = "worker" };
        foreach (var (key, value) in settings.Prepend(new(ConfigKeys.Seed.Key, $"{seed.Host}:{seed.Port}")))
            environment[NodeConfig.EnvironmentName(key)] = value;
        if (options.WorkerNodeCommand is not null)
            environment[WorkerAssemblyLoader.Variable] = string.Join(Path.PathSeparator, options.WorkerAssemblies.Select(Path.GetFullPath).Prepend(workerType.Assembly.Location));
        return environment;
    }
}
