using System.Runtime.CompilerServices;
using ActorPar.Chunks;
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
/// <see cref="MapAsync(IEnumerable{TInput}, int?, CancellationToken)"/> is <c>Pool.map</c>; <see cref="StreamAsync(IEnumerable{TInput}, int?, CancellationToken)"/> is
/// <c>imap_unordered</c>; <see cref="DisposeAsync"/> broadcasts Stop, stops the router and
/// lets the worker nodes go. Jobs run one at a time, in the order they were started.
/// Cancelling a call cancels its job: unstarted chunks are dropped, the workers are told, and
/// the next job starts.
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

    /// <summary>
    /// Runs every input through the workers and returns the results in input order, like
    /// <c>Pool.map</c>. Inputs are read lazily, a chunk at a time; results come back as typed
    /// arrays and are copied into place a chunk at a time. <paramref name="chunkSize"/> pins
    /// every chunk's size (Pool.map's <c>chunksize</c>); by default chunks are sized to their
    /// measured time. Cancelling cancels the job: nothing more is lent, the workers drop its
    /// chunks, and the next job runs.
    /// </summary>
    /// <exception cref="PoolJobException">a task failed for good (after max-attempts tries), or the job was cut short.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public Task<IReadOnlyList<TResult>> MapAsync(IEnumerable<TInput> inputs, int? chunkSize = null, CancellationToken cancellation = default) =>
        MapAsync(JobInputs.From(inputs), chunkSize, cancellation);

    /// <summary>As <see cref="MapAsync(IEnumerable{TInput},int?,CancellationToken)"/>, with inputs that arrive asynchronously; the coordinator never waits for one.</summary>
    public Task<IReadOnlyList<TResult>> MapAsync(IAsyncEnumerable<TInput> inputs, int? chunkSize = null, CancellationToken cancellation = default) =>
        MapAsync(JobInputs.From(inputs), chunkSize, cancellation);

    /// <summary>As the other overloads, with the cancellation token second: <c>MapAsync(inputs, token)</c>.</summary>
    public Task<IReadOnlyList<TResult>> MapAsync(IEnumerable<TInput> inputs, CancellationToken cancellation) =>
        MapAsync(JobInputs.From(inputs), null, cancellation);

    private async Task<IReadOnlyList<TResult>> MapAsync(JobInputs inputs, int? chunkSize, CancellationToken cancellation)
    {
        var results = new TResult[inputs.Count is { } known ? checked((int)known) : 0];
        var failures = new List<PoolFailure>();
        JobSummary? summary = null;
        await foreach (var e in _session.RunAsync(new JobRequest(typeof(TResult).Name, inputs, ChunkSize: chunkSize), cancellation))
        {
            if (e is ResultsReady ready)
                foreach (var run in ready.Runs)
                {
                    if (run.End > results.Length) Array.Resize(ref results, (int)Math.Max(run.End, Math.Min(int.MaxValue, 2L * results.Length)));
                    if (run.Failed) failures.Add(new PoolFailure(run.First, run.Error!));
                    else run.CopyResultsTo(results.AsSpan((int)run.First, run.Count));
                }
            else if (e is JobCompleted completed) summary = completed.Summary;
        }
        if (summary is null) throw new PoolJobException("the job ended without a summary: the pool's node is shutting down", []);
        cancellation.ThrowIfCancellationRequested();
        foreach (var range in summary.Unfinished)
            for (var i = range.First; i <= range.Last; i++) failures.Add(new PoolFailure(i, "the job was interrupted before this task finished"));
        var total = summary.Completed + summary.Failed + summary.UnfinishedCount;
        if (failures.Count > 0)
        {
            failures.Sort((a, b) => a.Index.CompareTo(b.Index));
            throw new PoolJobException($"{failures.Count} of {total} task(s) got no result; first, task {failures[0].Index}: {failures[0].Error}", failures);
        }
        if (results.Length != total) Array.Resize(ref results, (int)total);
        return results;
    }

    /// <summary>
    /// Runs every input through the workers and yields each outcome as it arrives, like
    /// <c>imap_unordered</c>: results and failures alike, each with its input's position.
    /// Cancelling, or leaving the loop early, cancels the job.
    /// </summary>
    /// <exception cref="PoolJobException">the job was cut short (the pool was disposed, or every worker was lost).</exception>
    public IAsyncEnumerable<PoolResult<TInput, TResult>> StreamAsync(IEnumerable<TInput> inputs, int? chunkSize = null, CancellationToken cancellation = default) =>
        StreamAsync(JobInputs.From(inputs), chunkSize, cancellation);

    /// <summary>As <see cref="StreamAsync(IEnumerable{TInput},int?,CancellationToken)"/>, with inputs that arrive asynchronously.</summary>
    public IAsyncEnumerable<PoolResult<TInput, TResult>> StreamAsync(IAsyncEnumerable<TInput> inputs, int? chunkSize = null, CancellationToken cancellation = default) =>
        StreamAsync(JobInputs.From(inputs), chunkSize, cancellation);

    /// <summary>As the other overloads, with the cancellation token second.</summary>
    public IAsyncEnumerable<PoolResult<TInput, TResult>> StreamAsync(IEnumerable<TInput> inputs, CancellationToken cancellation) =>
        StreamAsync(JobInputs.From(inputs), null, cancellation);

    private async IAsyncEnumerable<PoolResult<TInput, TResult>> StreamAsync(JobInputs inputs, int? chunkSize, [EnumeratorCancellation] CancellationToken cancellation)
    {
        await foreach (var e in _session.RunAsync(new JobRequest(typeof(TResult).Name, inputs, ChunkSize: chunkSize), cancellation))
        {
            if (e is ResultsReady ready)
                foreach (var run in ready.Runs)
                    for (var i = 0; i < run.Count; i++)
                        yield return new PoolResult<TInput, TResult>(run.First + i, run.Input(i) is TInput input ? input : default!,
                            run.Result(i) is TResult value ? value : default, run.Error);
            else if (e is JobCompleted { Summary: var summary })
            {
                if (summary.Interrupted)
                    throw new PoolJobException($"the job was interrupted: {summary.UnfinishedCount} task(s) did not finish",
                        summary.Unfinished.SelectMany(r => Enumerable.Range(0, (int)r.Count).Select(i => new PoolFailure(r.First + i, "interrupted"))).ToList());
                yield break;
            }
        }
        throw new PoolJobException("the job ended without a summary: the pool's node is shutting down", []);
    }

    /// <summary>Broadcasts Stop (each worker finishes its current task), stops the router, lets the worker nodes go, and shuts this node down.</summary>
    public ValueTask DisposeAsync() => _session.DisposeAsync();

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
