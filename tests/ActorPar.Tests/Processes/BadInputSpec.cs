using System.Net;
using System.Net.Sockets;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>
/// Bad input to the real node program: whatever the mistake, the user sees exactly one line
/// on stderr (no stack trace, no log line from Akka), the exit code is 2, and the process is
/// gone within a bound. Placeholders in the table are filled per run: {conf} is a malformed
/// HOCON file, {busy} a port this spec holds open, {closed} a port nobody listens on,
/// {dir} an empty temporary folder.
/// </summary>
public sealed class BadInputSpec : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly string _folder = Directory.CreateTempSubdirectory("actorpar-badinput-").FullName;
    private readonly TcpListener _busy = new(IPAddress.Loopback, 0);
    private int _closedPort;

    public Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_folder, "malformed.conf"), "akka {\n  loglevel = INFO\n  cluster {\n    roles = [worker\n  }\n}\n");
        _busy.Start();
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _busy.Stop();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    // unknown workload or option
    [InlineData("coordinator nosuch", "error: Unrecognized command or argument 'nosuch'. (see --help)")]
    [InlineData("coordinator --bogus", "error: Unrecognized command or argument '--bogus'. (see --help)")]
    [InlineData("worker --bogus", "error: Unrecognized command or argument '--bogus'. (see --help)")]
    // zero, negative or non-numeric where that makes no sense
    [InlineData("coordinator --workers 0", "error: --workers takes a whole number from 1 to 100000, not '0' (see --help)")]
    [InlineData("coordinator --workers abc", "error: --workers takes a whole number from 1 to 100000, not 'abc' (see --help)")]
    [InlineData("coordinator --nodes -1", "error: --nodes takes a whole number from 1 to 1000, not '-1' (see --help)")]
    [InlineData("coordinator --time-scale abc", "error: --time-scale must be a positive number, not 'abc' (see --help)")]
    [InlineData("coordinator --time-scale 0", "error: --time-scale must be a positive number, not '0' (see --help)")]
    [InlineData("coordinator --credit 0", "error: --credit takes a whole number from 1 to 10000, not '0' (see --help)")]
    [InlineData("coordinator --port 70000", "error: --port takes a whole number from 0 to 65535, not '70000' (see --help)")]
    [InlineData("coordinator --dispatch pulll", "error: --dispatch takes one of pull, push, not 'pulll' (see --help)")]
    [InlineData("coordinator --task-timeout 0s", "error: --task-timeout takes off or a duration above zero, such as 30s, not '0s' (see --help)")]
    [InlineData("coordinator --ready-timeout soon", "error: --ready-timeout takes a duration above zero, such as 500ms or 10s, not 'soon' (see --help)")]
    [InlineData("coordinator join --processes abc", "error: --processes takes a number from 1 to 10,000, not 'abc' (see --help)")]
    [InlineData("coordinator sleep --tasks 5,-2", "error: --tasks takes positive numbers of seconds such as 5,2,4,1,5, not '-2' (see --help)")]
    [InlineData("worker --join-timeout 5x", "error: --join-timeout takes a duration above zero, such as 500ms or 10s, not '5x' (see --help)")]
    // malformed or wrong configuration, from a file, --set or the environment
    [InlineData("coordinator --config {conf}", "error: malformed HOCON in {conf}: line 5: '}' closes the '[' of line 4")]
    [InlineData("coordinator --config {dir}/missing.conf", "error: configuration file not found: {dir}/missing.conf")]
    [InlineData("coordinator --set akka.cluster={", "error: malformed HOCON in --set akka.cluster={: line 1: '{' is never closed")]
    [InlineData("coordinator --set akka.cluster.roles=[a,b", "error: malformed HOCON in --set akka.cluster.roles=[a,b: line 1: '[' is never closed")]
    [InlineData("coordinator --set novalue", "error: --set takes key=value, not 'novalue'")]
    [InlineData("coordinator --set actorpar.coordinator.workers=abc", "error: bad configuration: actorpar.coordinator.workers must be a whole number from 1 to 100000, not 'abc'")]
    [InlineData("env:ACTORPAR__actorpar__coordinator__credit=0 coordinator", "error: bad configuration: actorpar.coordinator.credit must be a whole number from 1 to 10000, not '0'")]
    // the network: a port in use, an address this machine does not have, an unreachable or malformed seed
    [InlineData("coordinator --port {busy}", "error: port {busy} on 127.0.0.1 is already in use")]
    [InlineData("worker --port {busy} --seed 127.0.0.1:{closed}", "error: port {busy} on 127.0.0.1 is already in use")]
    [InlineData("coordinator --host 192.0.2.1", "error: cannot bind 192.0.2.1:0: this machine has no address 192.0.2.1")]
    [InlineData("worker --seed 127.0.0.1:{closed} --join-timeout 2s", "error: could not join the cluster at akka.tcp://actorpar@127.0.0.1:{closed} within 2s: is the coordinator running there?")]
    [InlineData("worker --seed nonsense", "error: --seed 'nonsense' is not HOST:PORT (a port from 1 to 65535)")]
    [InlineData("coordinator --worker-type No.Such.Worker", "error: worker type 'No.Such.Worker' not found in any loaded assembly: load its assembly with --worker-assembly PATH.dll")]
    // TLS without what it needs
    [InlineData("env:ACTORPAR_TLS_PASSWORD= env:ACTORPAR_TLS_CERTIFICATE={dir}/node.pfx env:ACTORPAR_TLS_CA={dir}/ca.crt worker --tls --seed 127.0.0.1:{closed}", "error: TLS is on but the environment variable ACTORPAR_TLS_PASSWORD (the certificate's password) is not set")]
    [InlineData("env:ACTORPAR_TLS_PASSWORD=x env:ACTORPAR_TLS_CERTIFICATE={dir}/node.pfx env:ACTORPAR_TLS_CA={dir}/ca.crt worker --tls --seed 127.0.0.1:{closed}", "error: TLS file not found: {dir}/node.pfx")]
    [InlineData("env:ACTORPAR_TLS_PASSWORD=x env:ACTORPAR_TLS_CERTIFICATE= env:ACTORPAR_TLS_CA={dir}/ca.crt coordinator --tls", "error: TLS is on but actorpar.tls.certificate is not set (or set the environment variable ACTORPAR_TLS_CERTIFICATE)")]
    // a missing input file
    [InlineData("worker --seed-file {dir}/coordinator.address --join-timeout 1s", "error: no coordinator address appeared in {dir}/coordinator.address within 1s")]
    [InlineData("worker --worker-assembly {dir}/missing.dll --seed 127.0.0.1:{closed}", "error: worker assembly not found: {dir}/missing.dll")]
    public async Task Bad_input_is_one_line_on_stderr_and_exit_code_2_and_the_process_is_gone(string commandLine, string expected)
    {
        var words = Fill(commandLine).Split(' ');
        var environment = words.Where(w => w.StartsWith("env:", StringComparison.Ordinal))
            .Select(w => w["env:".Length..].Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        await using var node = NodeProcess.Start("node", words.Where(w => !w.StartsWith("env:", StringComparison.Ordinal)), environment);

        var code = await node.WaitForExitAsync(Bound);

        Assert.Equal(2, code);
        Assert.Equal([Fill(expected)], node.ErrorLines);
        Assert.Empty(node.Lines.Except(node.ErrorLines));
    }

    [Fact]
    public async Task The_check_only_switch_accepts_a_good_command_line_and_starts_nothing()
    {
        await using var node = NodeProcess.Start("node", ["coordinator", "sleep", "--workers", "2", "--check-only"]);

        Assert.Equal(0, await node.WaitForExitAsync(Bound));
        Assert.Empty(node.Lines);
    }

    [Fact]
    public async Task Run_cluster_with_a_bad_option_exits_2_with_one_line_and_starts_no_node()
    {
        var marker = $"bad-input-{Guid.NewGuid():N}";

        await using var script = NodeProcess.StartScript("run-cluster", "run-cluster.sh",
            ["sleep", "--bogus", "--run-dir", Path.Combine(_folder, marker), "--set", $"actorpar.marker={marker}"]);
        var code = await script.WaitForExitAsync(Bound);

        Assert.Equal(2, code);
        Assert.Equal(["error: Unrecognized command or argument '--bogus'. (see --help)"], script.ErrorLines);
        Assert.Empty(script.Lines.Except(script.ErrorLines));
        Assert.False(Directory.Exists(Path.Combine(_folder, marker)), "no run folder is made for a run that never starts");
        Assert.Empty(ProcessesMentioning(marker));
    }

    private string Fill(string text) => text
        .Replace("{conf}", Path.Combine(_folder, "malformed.conf"))
        .Replace("{dir}", _folder)
        .Replace("{busy}", ((IPEndPoint)_busy.LocalEndpoint).Port.ToString())
        .Replace("{closed}", _closedPort.ToString());

    /// <summary>Process ids whose command line contains <paramref name="marker"/>.</summary>
    private static List<int> ProcessesMentioning(string marker) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0, Dir: d))
            .Where(p => p.Pid > 0 && p.Pid != Environment.ProcessId)
            .Where(p =>
            {
                try { return File.ReadAllText(Path.Combine(p.Dir, "cmdline")).Contains(marker, StringComparison.Ordinal); }
                catch (IOException) { return false; }
                catch (UnauthorizedAccessException) { return false; }
            })
            .Select(p => p.Pid).ToList();
}
