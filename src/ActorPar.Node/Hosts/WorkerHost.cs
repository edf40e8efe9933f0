using ActorPar.Hosting;
using ActorPar.Messaging;
using Akka.Configuration;
using Akka.Event;

namespace ActorPar.Node.Hosts;

/// <summary>
/// Runs a worker node: join the seed (or exit 2 within the join timeout), host whatever
/// workers the coordinator's router deploys, and exit when the cluster lets the node go:
/// 0 when the coordinator asked it to leave, 1 when it was downed, 130/143 on a signal
/// (after draining its workers).
/// </summary>
public static class WorkerHost
{
    public static async Task<int> RunAsync(Config config, string? addressFile, ShutdownSignals signals)
    {
        var systemName = config.GetString("actorpar.cluster.system-name", "actorpar");
        var seedText = config.GetString("actorpar.cluster.seed", "");
        var seedFile = config.GetString("actorpar.cluster.seed-file", "");
        var joinTimeout = config.GetTimeSpan("actorpar.cluster.join-timeout", TimeSpan.FromSeconds(10));
        if (seedText.Length > 0 || seedFile.Length == 0) SeedAddress.Parse(seedText, systemName); // fail fast on a bad --seed

        var node = ClusterNode.Start(config);
        var log = Logging.GetLogger(node.System, typeof(WorkerHost));
        try
        {
            AddressFile.Write(addressFile, node.Address);
            // With --seed-file the node starts while the coordinator is still starting, and reads its address once published.
            if (seedText.Length == 0)
            {
                try { seedText = await AddressFile.WaitAsync(seedFile, joinTimeout, signals.Received); }
                catch (OperationCanceledException) { return await Stopped(node, signals); }
            }
            var seed = SeedAddress.Parse(seedText, systemName);
            var joined = node.JoinAsync([seed], joinTimeout,
                $"could not join the cluster at {seed} within {joinTimeout.TotalSeconds:0.#}s: is the coordinator running there?");
            if (await Task.WhenAny(joined, signals.Received) != joined) return await Stopped(node, signals);
            await joined;
            // Idle until the coordinator deploys our workers: write the task types' formatters now, not on the first task.
            _ = ActorParSerializer.PrepareFormattersInBackground();
            log.Info("worker node {0} joined {1}", node.Address.HostPort(), seed.HostPort());

            if (await Task.WhenAny(node.WhenTerminated, signals.Received) != node.WhenTerminated)
            {
                log.Info("worker node {0}: signal received, draining workers and leaving", node.Address.HostPort());
                await node.ShutdownAsync(new SignalReason(await signals.Received));
            }
            await node.WhenTerminated;
            return node.ExitCode;
        }
        catch
        {
            await node.ShutdownAsync(Akka.Actor.CoordinatedShutdown.ClusterJoinUnsuccessfulReason.Instance);
            throw;
        }
    }

    /// <summary>A signal came before the node joined: shut down quietly with the signal's exit code.</summary>
    private static async Task<int> Stopped(ClusterNode node, ShutdownSignals signals)
    {
        var code = await signals.Received;
        await node.ShutdownAsync(new SignalReason(code));
        return code;
    }
}
