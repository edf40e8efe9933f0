using System.Net;
using System.Net.Sockets;
using ActorPar.Messaging;
using ActorPar.Workers;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorPar.Hosting;

/// <summary>
/// One ActorPar node: a .NET generic host whose actor system Akka.Hosting runs, configured from
/// hocon/ (<see cref="NodeConfig"/>), bound to its host and port, in the cluster. It turns the
/// ways a start can fail (a port in use, an address this machine lacks, a seed nobody answers)
/// into one-line <see cref="NodeStartException"/>s, drains the workers it hosts when it shuts
/// down, and maps how it ended to an exit code. SIGINT and SIGTERM belong to the program that
/// owns the node (they stop a job in order first), so the host adds no console lifetime of its
/// own. A program adds its own services to the same host, such as an ASP.NET Core endpoint,
/// with <c>configure</c>.
/// </summary>
public sealed class NodeHost
{
    private readonly IHost _host;

    private NodeHost(IHost host, ActorSystem system)
    {
        _host = host;
        System = system;
        Cluster = Cluster.Get(system);
        DrainWorkersOnShutdown();
    }

    /// <summary>The node's actor system.</summary>
    public ActorSystem System { get; }
    /// <summary>The node's cluster extension.</summary>
    public Cluster Cluster { get; }
    /// <summary>The node's own address.</summary>
    public Address Address => Cluster.SelfAddress;
    /// <summary>The node's configuration.</summary>
    public Config Config => System.Settings.Config;

    /// <summary>The host's services, for a program that added its own.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Builds the host, starts the actor system and binds its port; it does not join any cluster yet.</summary>
    /// <param name="configure">Adds a program's own services to the host before it starts.</param>
    public static async Task<NodeHost> StartAsync(Config config, Action<IHostApplicationBuilder>? configure = null, CancellationToken cancellation = default)
    {
        var name = config.GetString(ConfigKeys.SystemName.Key);
        var host = config.GetString(ConfigKeys.Host.Key);
        var port = config.GetInt(ConfigKeys.Port.Key);
        UserMessageTypes.Resolve(config); // a listed type that is missing is one line, not a warning lost in the log
        ProbeBind(host, port);
        var tls = NodeTls.Setup(config);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, ProgramLifetime>();
        // The cluster itself comes from hocon/ (akka.actor.provider = cluster). Akka.Cluster.Hosting's
        // WithClustering() would also load Sharding, Singleton, PubSub and DistributedData settings:
        // 0.2-0.3 s more CPU at every node's start, measured, for modules ActorPar does not use.
        builder.Services.AddAkka(name, akka =>
        {
            akka.AddHocon(config, HoconAddMode.Prepend);
            if (tls is not null) akka.AddSetup(tls);
        });
        configure?.Invoke(builder);
        var app = builder.Build();
        try
        {
            await app.StartAsync(cancellation);
            return new NodeHost(app, app.Services.GetRequiredService<ActorSystem>());
        }
        catch (Exception e) when (Find<SocketException>(e) is { } socket)
        {
            app.Dispose();
            throw new NodeStartException(socket.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"port {port} on {host} is already in use"
                : $"cannot bind {host}:{port}: {socket.Message}", e);
        }
        catch (Exception e) when (e is not (NodeStartException or OperationCanceledException))
        {
            app.Dispose();
            throw new NodeStartException($"cannot start the node on {host}:{port}: {Root(e).Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>
    /// Binds the node's address for a moment before the actor system does. Akka's transport
    /// logs its own error line for a bind that fails; found here, a port in use, an address
    /// this machine does not have or a host name nobody knows is one line and nothing else.
    /// </summary>
    private static void ProbeBind(string host, int port)
    {
        IPAddress address;
        try
        {
            address = IPAddress.TryParse(host, out var parsed)
                ? parsed
                : Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
        }
        catch (Exception e) when (e is SocketException or ArgumentException or InvalidOperationException)
        {
            throw new NodeStartException($"cannot bind {host}:{port}: no such host", e);
        }
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // As DotNetty does: a port left in TIME_WAIT by a previous run is free; one another process listens on is not.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e)
        {
            throw new NodeStartException(e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => $"port {port} on {host} is already in use",
                SocketError.AddressNotAvailable => $"cannot bind {host}:{port}: this machine has no address {address}",
                _ => $"cannot bind {host}:{port}: {e.Message}",
            }, e);
        }
    }

    /// <summary>Joins the cluster through <paramref name="seeds"/> and waits until this node is Up.</summary>
    /// <param name="failure">The line to show when the node is not Up within <paramref name="timeout"/>.</param>
    public async Task JoinAsync(IReadOnlyList<Address> seeds, TimeSpan timeout, string failure, CancellationToken cancellation = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            await Cluster.JoinSeedNodesAsync(seeds, deadline.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ClusterJoinFailedException)
        {
            cancellation.ThrowIfCancellationRequested();
            throw new NodeStartException(failure, e);
        }
    }

    /// <summary>
    /// Waits, within <paramref name="timeout"/>, until this node sees <paramref name="count"/>
    /// members with <paramref name="role"/> Up. This node being Up is not enough: the leader that
    /// moved it Up may be a worker node, whose own min-nr-of-members did not wait for the rest.
    /// </summary>
    /// <exception cref="NodeStartException"><paramref name="failure"/>, when they are not all Up in time.</exception>
    public async Task WaitForMembersUpAsync(string role, int count, TimeSpan timeout, string failure, CancellationToken cancellation = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (Cluster.State.Members.Count(m => m.Status == MemberStatus.Up && m.HasRole(role)) < count)
                await poll.WaitForNextTickAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            cancellation.ThrowIfCancellationRequested();
            throw new NodeStartException(failure);
        }
    }

    /// <summary>Asks every member with <paramref name="role"/> to leave, and waits (bounded) until they are gone.</summary>
    /// <param name="expected">
    /// How many such members the cluster is known to have: right after the cluster formed,
    /// this node's view of it may not show them all yet, and a member not asked would be left
    /// waiting for a cluster that is gone. It waits (within the timeout) until it sees them.
    /// </param>
    public async Task AskMembersToLeaveAsync(string role, TimeSpan timeout, int expected = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        using (var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20)))
            while (Cluster.State.Members.Count(m => m.HasRole(role) && m.Address != Address) < expected && DateTime.UtcNow < deadline)
                await poll.WaitForNextTickAsync();
        var members = Cluster.State.Members.Where(m => m.HasRole(role) && m.Address != Address).ToList();
        var removed = members.Select(m => WhenRemovedAsync(m.Address)).ToList();
        foreach (var member in members) Cluster.Leave(member.Address);
        await Task.WhenAny(Task.WhenAll(removed), Task.Delay(deadline - DateTime.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero));
    }

    /// <summary>Completes when the member at <paramref name="address"/> has left the cluster (or was never in it).</summary>
    public Task WhenRemovedAsync(Address address) => WhenMemberAsync(address, MemberStatus.Removed);

    /// <summary>Completes when this node has begun to leave the cluster (Leaving, Exiting) or has left it.</summary>
    public Task WhenLeavingAsync() => WhenMemberAsync(Address, MemberStatus.Leaving, MemberStatus.Exiting, MemberStatus.Removed);

    private Task WhenMemberAsync(Address address, params MemberStatus[] statuses)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wanted = statuses.ToHashSet();
        System.ActorOf(Props.Create(() => new MemberStatusWatcher(address, wanted, done)).WithDeploy(Deploy.Local));
        return done.Task;
    }

    /// <summary>Whether Akka.Remote shut this node down because a TLS handshake it started failed.</summary>
    public bool ShutDownByTlsHandshake => CoordinatedShutdown.Get(System).ShutdownReason?.GetType().Name == "TlsHandshakeFailureReason";

    /// <summary>Runs CoordinatedShutdown (leave, then terminate) with <paramref name="reason"/>, then stops and disposes the host.</summary>
    public async Task ShutdownAsync(CoordinatedShutdown.Reason reason)
    {
        await CoordinatedShutdown.Get(System).Run(reason);
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Completes when the actor system has terminated, for whatever reason.</summary>
    public Task WhenTerminated => System.WhenTerminated;

    /// <summary>The exit code that says how a node that ran until its system terminated ended.</summary>
    public int ExitCode => CoordinatedShutdown.Get(System).ShutdownReason switch
    {
        SignalReason signal => signal.ExitCode,
        CoordinatedShutdown.ClusterLeavingReason => ExitCodes.Ok,
        CoordinatedShutdown.ClusterJoinUnsuccessfulReason => ExitCodes.Usage,
        JobReason job => job.ExitCode,
        _ => ExitCodes.Failed,
    };

    /// <summary>On shutdown, every worker on this node finishes its current task, hands back the rest, and stops, before the node leaves.</summary>
    private void DrainWorkersOnShutdown()
    {
        var shutdown = CoordinatedShutdown.Get(System);
        var timeout = shutdown.Timeout(CoordinatedShutdown.PhaseServiceRequestsDone);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-workers", async () =>
        {
            await Task.WhenAll(WorkerRegistry.Get(System).Workers.Select(async w =>
            {
                try { await w.GracefulStop(timeout, Coordination.Stop.Instance); }
                catch (Exception) { /* already gone, or slower than the phase allows */ }
            }));
            return Akka.Done.Instance;
        });
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found) return found;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions)
                    if (Find<T>(inner) is { } nested) return nested;
        }
        return null;
    }

    private static Exception Root(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    /// <summary>The host's lifetime: the program's, which handles SIGINT and SIGTERM itself (<see cref="ShutdownSignals"/>).</summary>
    private sealed class ProgramLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>CoordinatedShutdown's reason when the node got SIGINT or SIGTERM.</summary>
public sealed class SignalReason(int exitCode) : CoordinatedShutdown.Reason
{
    /// <inheritdoc />
    public override int ExitCode { get; } = exitCode;
    /// <summary>The signal's name.</summary>
    public override string ToString() => ExitCode == ExitCodes.Interrupted ? "SIGINT" : "SIGTERM";
}

/// <summary>CoordinatedShutdown's reason when the coordinator's job is over.</summary>
public sealed class JobReason(int exitCode) : CoordinatedShutdown.Reason
{
    /// <inheritdoc />
    public override int ExitCode { get; } = exitCode;
}
