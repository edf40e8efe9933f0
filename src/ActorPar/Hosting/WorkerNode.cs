using ActorPar.Messaging;
using ActorPar.Workers;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;

namespace ActorPar.Hosting;

/// <summary>
/// A worker node from start to exit: check that the worker type it is told of (if any) can be
/// created here, join the seed (or exit 2 within the join timeout), host whatever workers the
/// coordinator's router deploys, and exit when the cluster lets the node go: 0 when the
/// coordinator asked it to leave or has left, 1 when it was downed, 130/143 on a signal (after
/// draining its workers). The node program's <c>worker</c> command and the processes a
/// <see cref="Pool.WorkerPool{TInput,TResult}"/> starts both run this.
/// </summary>
public static class WorkerNode
{
    /// <param name="addressFile">Where to publish this node's address once bound, or null.</param>
    /// <param name="started">Called with the node once it has started, before it joins (a program that hosts nodes in its own process, as ActorPar.TestKit does).</param>
    public static async Task<int> RunAsync(Config config, ShutdownSignals signals, string? addressFile = null, Action<NodeHost>? started = null)
    {
        var seedText = Check(config);
        var joinTimeout = config.GetTimeSpan(ConfigKeys.JoinTimeout.Key);
        var node = await NodeHost.StartAsync(config);
        started?.Invoke(node);
        var log = Logging.GetLogger(node.System, typeof(WorkerNode));
        try
        {
            AddressFile.Write(addressFile, node.Address);
            // With a seed file the node starts while the coordinator is still starting, and reads its address once published.
            if (seedText.Length == 0)
            {
                try { seedText = await AddressFile.WaitAsync(config.GetString(ConfigKeys.SeedFile.Key), joinTimeout, signals.Received); }
                catch (OperationCanceledException) { return await Stopped(node, signals); }
            }
            var seed = SeedAddress.Parse(seedText, config.GetString(ConfigKeys.SystemName.Key), NodeTls.IsOn(config) ? "akka.ssl.tcp" : "akka.tcp");
            var cannotJoin = $"could not join the cluster at {seed} within {joinTimeout.TotalSeconds:0.#}s: is the coordinator running there" +
                             (NodeTls.IsOn(config) ? ", with TLS and a certificate from the same CA?" : "?");
            var joined = node.JoinAsync([seed], joinTimeout, cannotJoin);
            var beforeJoin = await Task.WhenAny(joined, signals.Received, node.WhenTerminated);
            if (beforeJoin == signals.Received) return await Stopped(node, signals);
            // Akka.Remote shuts a node down when a TLS handshake it started fails: before joining, that is a join that failed.
            if (beforeJoin == node.WhenTerminated && node.ShutDownByTlsHandshake) throw new NodeStartException(cannotJoin);
            // Asked to leave so soon (the coordinator gave up at start) that this node never saw itself Up: a clean exit all the same.
            if (beforeJoin == node.WhenTerminated) return node.ExitCode;
            await joined;
            // Idle until the coordinator deploys our workers: write the task types' formatters now, not on the first task.
            _ = ActorParSerializer.PrepareFormattersInBackground();
            log.Info("worker node {0} joined {1}", node.Address.HostPort(), seed.HostPort());

            // A worker node is there for its coordinator: once the coordinator has left the
            // cluster (a node that joined as its job ended was never asked to leave), go too.
            var coordinatorGone = node.WhenRemovedAsync(seed);
            var leaving = node.WhenLeavingAsync();
            var first = await Task.WhenAny(node.WhenTerminated, signals.Received, coordinatorGone);
            if (first == signals.Received)
            {
                log.Info("worker node {0}: signal received, draining workers and leaving", node.Address.HostPort());
                await node.ShutdownAsync(new SignalReason(await signals.Received));
            }
            else if (first == coordinatorGone)
            {
                // Usually this node is already leaving (the coordinator asked it to); say so only when it was not.
                if (node.Cluster.SelfMember.Status == Akka.Cluster.MemberStatus.Up)
                    log.Info("worker node {0}: the coordinator has left the cluster; leaving too", node.Address.HostPort());
                await node.ShutdownAsync(CoordinatedShutdown.ClusterLeavingReason.Instance);
            }
            await node.WhenTerminated;
            return ExitCodeOf(node, leaving);
        }
        catch
        {
            await node.ShutdownAsync(CoordinatedShutdown.ClusterJoinUnsuccessfulReason.Instance);
            throw;
        }
    }

    /// <summary>
    /// Fails fast on a bad seed (a seed file is read only once the node has started), and on a
    /// worker type this node could not create, which would otherwise fail every deployment here
    /// silently. Returns the seed as given, empty when it comes from a seed file.
    /// </summary>
    /// <exception cref="NodeStartException">what is wrong, in one line.</exception>
    public static string Check(Config config)
    {
        var seedText = config.GetString(ConfigKeys.Seed.Key);
        if (seedText.Length > 0 || config.GetString(ConfigKeys.SeedFile.Key).Length == 0)
            SeedAddress.Parse(seedText, config.GetString(ConfigKeys.SystemName.Key));
        if (config.GetString(WorkerType.Key) is { Length: > 0 } workerType) WorkerType.Resolve(workerType);
        NodeTls.Setup(config);
        return seedText;
    }

    /// <summary>
    /// How the node ended. Two ends are not what Akka's reason says: a node downed while it was
    /// already leaving (a stall under load made it look unreachable as the job ended) had handed
    /// back its work and was going anyway, so it exits 0; a node that Akka.Remote shut down after
    /// a failed TLS handshake with a peer says so, and exits 1.
    /// </summary>
    private static int ExitCodeOf(NodeHost node, Task leaving)
    {
        if (node.ShutDownByTlsHandshake)
            Console.Error.WriteLine($"worker node {node.Address.HostPort()}: a TLS handshake with a peer failed, and Akka.Remote shut this node down");
        var reason = CoordinatedShutdown.Get(node.System).ShutdownReason;
        return reason is CoordinatedShutdown.ClusterDowningReason && leaving.IsCompleted ? ExitCodes.Ok : node.ExitCode;
    }

    /// <summary>A signal came before the node joined: shut down quietly with the signal's exit code.</summary>
    private static async Task<int> Stopped(NodeHost node, ShutdownSignals signals)
    {
        var code = await signals.Received;
        await node.ShutdownAsync(new SignalReason(code));
        return code;
    }
}
