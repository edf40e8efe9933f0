using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>
/// Certificates made once for <see cref="MutualTlsSpec"/> by scripts/make-certs.sh, as a user
/// would: the cluster's CA with three node certificates, and a second CA with one.
/// </summary>
public sealed class ClusterCertificates : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    public string Folder { get; } = Directory.CreateTempSubdirectory("actorpar-certs-").FullName;
    public string Ca => Path.Combine(Folder, "cluster", "ca.crt");
    public string Node(int i) => Path.Combine(Folder, "cluster", $"node-{i}.pfx");
    public string Stranger => Path.Combine(Folder, "other", "node-1.pfx");

    public async Task InitializeAsync()
    {
        foreach (var (folder, nodes, name) in new[] { ("cluster", "3", "ActorPar spec CA"), ("other", "1", "Another CA") })
        {
            await using var make = NodeProcess.StartScript("make-certs", "scripts/make-certs.sh",
                ["--out", Path.Combine(Folder, folder), "--nodes", nodes, "--name", name],
                new Dictionary<string, string> { ["ACTORPAR_TLS_PASSWORD"] = Password });
            Assert.True(await make.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, make.Output);
        }
    }

    /// <summary>What a node of the cluster is given: its certificate, the CA, the password, all through the environment.</summary>
    public Dictionary<string, string> Environment(string certificate) => new()
    {
        ["ACTORPAR_TLS_CERTIFICATE"] = certificate,
        ["ACTORPAR_TLS_CA"] = Ca,
        ["ACTORPAR_TLS_PASSWORD"] = Password,
    };

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Mutual TLS between real node processes (<c>--tls</c>): nodes whose certificates the
/// cluster's CA signed form a cluster and run a job; a node with a certificate from another
/// CA, a node without TLS, and a node of another actor system are all kept out, and give up
/// after their join timeout with exit code 2.
/// </summary>
public sealed class MutualTlsSpec(ClusterCertificates certificates) : IClassFixture<ClusterCertificates>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private async Task<LocalCluster> StartTlsCoordinatorAsync(params string[] workload)
    {
        var cluster = new LocalCluster();
        await cluster.StartCoordinatorAsync([.. workload, "--tls", "--ready-timeout", "60s"], workerNodes: 2, certificates.Environment(certificates.Node(1)));
        return cluster;
    }

    [Fact]
    public async Task Nodes_with_certificates_from_the_clusters_CA_form_a_cluster_over_TLS_and_run_a_job()
    {
        await using var cluster = await StartTlsCoordinatorAsync("sleep", "--tasks", "1,1,1,1", "--time-scale", "0.1");

        cluster.StartWorker(["--tls"], certificates.Environment(certificates.Node(2)));
        cluster.StartWorker(["--tls"], certificates.Environment(certificates.Node(3)));
        var codes = await cluster.WaitForAllToExitAsync(Bound);

        Assert.All(codes.Values, code => Assert.Equal(0, code));
        Assert.Contains(cluster.Coordinator.Lines, l => l.StartsWith("coordinator akka.ssl.tcp://actorpar@127.0.0.1:", StringComparison.Ordinal));
        var tasks = cluster.Report().GetProperty("tasks");
        Assert.Equal(4, tasks.GetProperty("completed").GetInt32());
        Assert.Equal(0, tasks.GetProperty("duplicates_ignored").GetInt32());
        Assert.All(cluster.Workers, w => Assert.Contains(w.Lines, l => l.Contains(" joined actorpar@", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_node_whose_certificate_another_CA_signed_cannot_join()
    {
        await using var cluster = await StartTlsCoordinatorAsync();

        var stranger = cluster.StartWorker(["--tls", "--join-timeout", "3s"], certificates.Environment(certificates.Stranger));

        Assert.Equal(2, await stranger.WaitForExitAsync(Bound));
        Assert.Equal([$"error: could not join the cluster at akka.ssl.tcp://actorpar@{cluster.Seed} within 3s: is the coordinator running there, with TLS and a certificate from the same CA?"],
            stranger.ErrorLines);
        Assert.Contains(cluster.Coordinator.Lines, l => l.Contains("ERROR TLS: refused ", StringComparison.Ordinal)
            && l.Contains(": its certificate (CN=actorpar-node-1, issued by CN=Another CA) is not signed by this cluster's CA: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_without_TLS_cannot_join_a_cluster_that_uses_it()
    {
        await using var cluster = await StartTlsCoordinatorAsync();

        var plain = cluster.StartWorker(["--join-timeout", "3s"]);

        Assert.Equal(2, await plain.WaitForExitAsync(Bound));
        Assert.Equal([$"error: could not join the cluster at akka.tcp://actorpar@{cluster.Seed} within 3s: is the coordinator running there?"], plain.ErrorLines);
    }

    [Fact]
    public async Task A_node_of_another_actor_system_cannot_join_even_with_the_right_certificate()
    {
        await using var cluster = await StartTlsCoordinatorAsync();

        var other = cluster.StartWorker(["--tls", "--join-timeout", "3s", "--set", "actorpar.cluster.system-name=other"],
            certificates.Environment(certificates.Node(2)));

        Assert.Equal(2, await other.WaitForExitAsync(Bound));
        Assert.Equal([$"error: could not join the cluster at akka.ssl.tcp://other@{cluster.Seed} within 3s: is the coordinator running there, with TLS and a certificate from the same CA?"],
            other.ErrorLines);
    }

    [Fact]
    public async Task A_wrong_password_is_one_line_and_exit_code_2_before_anything_starts()
    {
        var environment = certificates.Environment(certificates.Node(2));
        environment["ACTORPAR_TLS_PASSWORD"] = "wrong";
        await using var node = NodeProcess.Start("worker", ["worker", "--tls", "--seed", "127.0.0.1:1"], environment);

        Assert.Equal(2, await node.WaitForExitAsync(Bound));
        var line = Assert.Single(node.ErrorLines);
        Assert.StartsWith($"error: cannot read {certificates.Node(2)} as a TLS certificate (is ACTORPAR_TLS_PASSWORD its password?): ", line);
    }
}
