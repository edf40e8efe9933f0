using ActorPar.Hosting;
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
        var seed = SeedAddress.Parse(config.GetString("actorpar.cluster.seed", ""), systemName);
        var joinTimeout = config.GetTimeSpan("actorpar.cluster.join-timeout", TimeSpan.FromSeconds(10));

        var node = ClusterNode.Start(config);
        var log = Logging.GetLogger(node.System, typeof(WorkerHost));
        try
        {
            AddressFile.Write(addressFile, node.Address);
            var joined = node.JoinAsync([seed], joinTimeout,
                $"could not join the cluster at {seed} within {joinTimeout.TotalSeconds:0.#}s: is the coordinator running there?");
            if (await Task.WhenAny(joined, signals.Received) != joined)
            {
                await node.ShutdownAsync(new SignalReason(await signals.Received));
                return await signals.Received;
            }
            await joined;
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
}
