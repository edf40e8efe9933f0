using System.Diagnostics;
using System.Runtime.CompilerServices;
using ActorPar.Coordination;
using ActorPar.Hosting;
using ActorPar.Messaging;
using ActorPar.Workers;
using Akka.Actor;
using Akka.Hosting;

namespace ActorPar.Engine;

/// <summary>
/// One coordinator node from start to stop: the lifecycle that the node program's
/// <c>coordinator</c> command and <see cref="Pool.WorkerPool{TInput,TResult}"/> share.
/// <see cref="StartAsync"/> starts the node (the cluster's seed, or a member of a given
/// cluster), waits for the worker nodes, checks that the worker can be deployed on them,
/// creates the coordinator and its router and waits until the workers are deployed.
/// <see cref="RunAsync"/> runs one job and streams its results; jobs run one at a time, in the
/// order they were submitted. <see cref="StopWorkersAsync"/> broadcasts Stop;
/// <see cref="ReleaseWorkerNodesAsync"/> lets the worker nodes go; <see cref="ShutdownAsync"/>
/// shuts this node down. <see cref="DisposeAsync"/> does those three, once.
/// </summary>
public sealed class CoordinatorSession : IAsyncDisposable
{
    private readonly IActorRef _coordinator;
    private readonly ILocalWorkerNodes? _localNodes;
    private readonly CoordinatorSettings _settings;
    private readonly bool _isSeed;
    private readonly TimeSpan _leaveTimeout;
    private readonly Lazy<Task<WorkersStopped>> _stop;
    private int _disposed;

    private CoordinatorSession(NodeHost node, IActorRef coordinator, ILocalWorkerNodes? localNodes, CoordinatorSettings settings,
        bool isSeed, DateTimeOffset clusterUp, int workers)
    {
        Node = node;
        _coordinator = coordinator;
        _localNodes = localNodes;
        _settings = settings;
        _isSeed = isSeed;
        _leaveTimeout = node.Config.GetTimeSpan(ConfigKeys.LeaveTimeout.Key);
        _stop = new Lazy<Task<WorkersStopped>>(AskStopAsync);
        ClusterUp = clusterUp;
        Workers = workers;
    }

    /// <summary>This coordinator's node.</summary>
    public NodeHost Node { get; }

    /// <summary>This node's address; worker nodes join it with --seed HOST:PORT.</summary>
    public Address Address => Node.Address;

    /// <summary>When this node and the worker nodes it waited for were Up.</summary>
    public DateTimeOffset ClusterUp { get; }

    /// <summary>How many workers were deployed when the session was ready.</summary>
    public int Workers { get; }

    /// <exception cref="NodeStartException">what went wrong, in one line: a port in use, a worker that cannot be deployed, worker nodes that never came.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled; the node is shut down.</exception>
    public static async Task<CoordinatorSession> StartAsync(SessionOptions options, CancellationToken cancellation = default)
    {
        var config = options.Config;
        var settings = CoordinatorSettings.From(config);
        var workerNodes = config.GetInt(ConfigKeys.WorkerNodes.Key);
        var node = await NodeHost.StartAsync(config, options.ConfigureHost, cancellation);
        ILocalWorkerNodes? localNodes = null;
        DateTimeOffset? clusterUp = null;
        try
        {
            options.Bound?.Invoke(node.Address);
            var seed = options.Seed ?? node.Address;
            localNodes = options.LocalWorkerNodes?.Invoke(seed);
            var noWorkerNodes = $"no worker node joined within {settings.ReadyTimeout.TotalSeconds:0.#}s (waiting for {workerNodes}); start them with --seed {seed.Host}:{seed.Port}";
            var joining = Stopwatch.StartNew();
            await Watch(node.JoinAsync([seed], settings.ReadyTimeout, noWorkerNodes, cancellation), localNodes);
            await Watch(node.WaitForMembersUpAsync(WorkerRouter.WorkerRole, workerNodes, TimeSpan.FromTicks(Math.Max(0, (settings.ReadyTimeout - joining.Elapsed).Ticks)), noWorkerNodes, cancellation), localNodes);
            clusterUp = DateTimeOffset.UtcNow;

            var worker = await Watch(options.Workers(node.System, cancellation), localNodes);
            if (DeploymentCheck.Problems(node.System, worker) is [var problem, ..]) throw new NodeStartException(problem);
            // The first input this node sends and the first result it reads would each pay for their formatter: pay now.
            ActorParSerializer.PrepareFormatters(WorkerType.TaskTypes(worker.Type));
            var coordinator = node.System.ActorOf(Coordinator.Props(settings, WorkerRouter.Props(worker, settings)), "coordinator");
            node.System.ActorOf(MembershipRelay.Props(coordinator), "membership");
            ActorRegistry.For(node.System).Register<Coordinator>(coordinator);

            var ready = await Watch(coordinator.Ask<object>(NotifyWhenReady.Instance, settings.ReadyTimeout + TimeSpan.FromSeconds(5), cancellation), localNodes);
            if (ready is CoordinatorNotReady notReady) throw new NodeStartException(notReady.Reason);
            return new CoordinatorSession(node, coordinator, localNodes, settings, options.Seed is null, clusterUp.Value, ((CoordinatorReady)ready).Workers);
        }
        catch
        {
            // Worker nodes that joined would wait for a coordinator that is gone: let them go first.
            if (options.Seed is null)
            {
                try { await node.AskMembersToLeaveAsync(WorkerRouter.WorkerRole, node.Config.GetTimeSpan(ConfigKeys.LeaveTimeout.Key), clusterUp is null ? 0 : workerNodes); }
                catch (Exception) { /* the node is already going down */ }
            }
            await node.ShutdownAsync(CoordinatedShutdown.UnknownReason.Instance);
            if (localNodes is not null) await localNodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs one job and yields what its listener hears: <see cref="ResultsReady"/> as results
    /// come in, then one <see cref="JobCompleted"/>. A job submitted while another runs waits
    /// for it. Cancelling, or leaving the loop before <see cref="JobCompleted"/>, cancels the
    /// job: nothing more of it is lent, its workers drop its chunks, and the next job starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">the cluster shut this node down during the job.</exception>
    public async IAsyncEnumerable<IJobEvent> RunAsync(JobRequest job, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var (listener, events) = ChannelListener.Create(Node.System);
        _coordinator.Tell(new SubmitJob(job.Name, job.Inputs, listener, job.MaxWorkers, job.ChunkSize));
        var completed = false;
        var coordinator = _coordinator;
        await using var registration = cancellation.Register(() => coordinator.Tell(new CancelJob(listener)));
        try
        {
            while (true)
            {
                var more = events.WaitToReadAsync(cancellation).AsTask();
                if (await Task.WhenAny(more, Node.WhenTerminated) != more)
                    throw new InvalidOperationException("this node was shut down by the cluster during the job");
                if (!await more) yield break;
                while (events.TryRead(out var next))
                {
                    if (next is JobCompleted) completed = true;
                    yield return next;
                    if (completed) yield break;
                }
            }
        }
        finally
        {
            if (!completed) _coordinator.Tell(new CancelJob(listener));
        }
    }

    /// <summary>
    /// Broadcasts Stop: each worker finishes its current task, hands back the rest and stops,
    /// and a job still running ends as interrupted. The same answer to every call.
    /// </summary>
    public Task<WorkersStopped> StopWorkersAsync() => _stop.Value;

    private async Task<WorkersStopped> AskStopAsync()
    {
        var patience = _settings.StopTimeout + TimeSpan.FromSeconds(5);
        try
        {
            return await _coordinator.Ask<WorkersStopped>(StopWorkers.Instance, patience);
        }
        catch (AskTimeoutException)
        {
            return new WorkersStopped(patience, 0, TimedOut: true); // workers that did not answer go down with their nodes
        }
    }

    /// <summary>Asks the worker nodes to leave (when this node is the seed) and waits, bounded, for the ones it started.</summary>
    public async Task ReleaseWorkerNodesAsync()
    {
        if (_isSeed) await Node.AskMembersToLeaveAsync(WorkerRouter.WorkerRole, _leaveTimeout);
        if (_localNodes is not null) await _localNodes.StopAsync(_leaveTimeout);
    }

    /// <summary>Shuts this node down, saying why (<see cref="JobReason"/> with the exit code, say).</summary>
    public async Task ShutdownAsync(CoordinatedShutdown.Reason reason)
    {
        await Node.ShutdownAsync(reason);
        if (_localNodes is not null) await _localNodes.DisposeAsync();
    }

    /// <summary>Stops the workers, lets the worker nodes go, and shuts this node down; once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await StopWorkersAsync();
        await ReleaseWorkerNodesAsync();
        await ShutdownAsync(CoordinatedShutdown.ClrExitReason.Instance);
    }

    /// <summary>Awaits <paramref name="step"/>, unless a local worker node exits first: then the start fails, with that node's last line.</summary>
    private static async Task<T> Watch<T>(Task<T> step, ILocalWorkerNodes? localNodes)
    {
        if (localNodes is null) return await step;
        if (await Task.WhenAny(step, localNodes.AnyExited) != step)
            throw new NodeStartException($"a worker node exited before the pool was ready: {await localNodes.AnyExited}");
        return await step;
    }

    private static async Task Watch(Task step, ILocalWorkerNodes? localNodes) =>
        await Watch(step.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), localNodes);
}
