using System.Net;
using System.Net.Sockets;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>
/// Where a node listens: 127.0.0.1 and nothing else by default, and the address given with
/// <c>--host</c> otherwise, which is also the address it advertises to the cluster. On Linux
/// all of 127.0.0.0/8 is loopback, so 127.0.0.2 and 127.0.0.3 stand in for other hosts.
/// </summary>
public sealed class HostBindingSpec
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_node_binds_127_0_0_1_by_default_and_no_other_address()
    {
        await using var cluster = new LocalCluster();

        await cluster.StartCoordinatorAsync([], workerNodes: 1);

        var port = Port(cluster.Seed);
        Assert.StartsWith("127.0.0.1:", cluster.Seed);
        Assert.True(await AcceptsAsync(IPAddress.Parse("127.0.0.1"), port));
        Assert.False(await AcceptsAsync(IPAddress.Parse("127.0.0.2"), port), "the node must not listen on every address");
    }

    [Fact]
    public async Task With_host_a_node_binds_and_advertises_that_address_and_a_cluster_forms_across_addresses()
    {
        await using var cluster = new LocalCluster();

        await cluster.StartCoordinatorAsync(["sleep", "--tasks", "1,1", "--time-scale", "0.1", "--host", "127.0.0.2"], workerNodes: 1);
        var worker = cluster.StartWorker(["--host", "127.0.0.3"]);
        var codes = await cluster.WaitForAllToExitAsync(Bound);

        Assert.All(codes.Values, code => Assert.Equal(0, code));
        Assert.StartsWith("127.0.0.2:", cluster.Seed);
        Assert.Contains(worker.Lines, l => l.Contains($"worker node actorpar@127.0.0.3:", StringComparison.Ordinal) && l.EndsWith($" joined actorpar@{cluster.Seed}", StringComparison.Ordinal));
        var perNode = cluster.Report().GetProperty("per_node").EnumerateObject().ToList();
        Assert.Equal(2, perNode.Where(n => n.Name.StartsWith("akka.tcp://actorpar@127.0.0.3:", StringComparison.Ordinal)).Sum(n => n.Value.GetInt32()));
    }

    [Fact]
    public async Task With_host_the_node_does_not_listen_on_127_0_0_1()
    {
        await using var cluster = new LocalCluster();

        await cluster.StartCoordinatorAsync(["--host", "127.0.0.2"], workerNodes: 1);

        var port = Port(cluster.Seed);
        Assert.True(await AcceptsAsync(IPAddress.Parse("127.0.0.2"), port));
        Assert.False(await AcceptsAsync(IPAddress.Parse("127.0.0.1"), port));
    }

    private static int Port(string hostPort) => int.Parse(hostPort[(hostPort.LastIndexOf(':') + 1)..]);

    private static async Task<bool> AcceptsAsync(IPAddress address, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
