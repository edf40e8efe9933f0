using System.Diagnostics;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>
/// A fact that needs Linux network namespaces: it is skipped, with the reason, where this
/// process cannot create one (not root, no <c>ip</c>, a container without the privilege).
/// </summary>
public sealed class NetworkNamespacesFactAttribute : FactAttribute
{
    public NetworkNamespacesFactAttribute()
    {
        if (Unavailable() is { } why) Skip = $"needs network namespaces: {why}";
    }

    private static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        if (Environment.UserName != "root") return "not root (run as root to include it)";
        var probe = $"actorpar-probe-{Environment.ProcessId}";
        var (added, error) = Ip("netns", "add", probe);
        if (!added) return $"'ip netns add' failed: {error}";
        try
        {
            // Some containers let a namespace be made but not entered, or give it no veth.
            var (entered, why) = Ip("netns", "exec", probe, "true");
            if (!entered) return $"'ip netns exec' failed: {why}";
            var (linked, whyNot) = Ip("-n", probe, "link", "add", "probe0", "type", "veth", "peer", "name", "probe1");
            return linked ? null : $"no veth pairs: {whyNot}";
        }
        finally
        {
            Ip("netns", "del", probe);
        }
    }

    private static (bool Ok, string Error) Ip(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var ip = Process.Start(start)!;
            var error = ip.StandardError.ReadToEnd().Trim();
            ip.WaitForExit();
            return (ip.ExitCode == 0, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, $"no ip command ({e.Message})");
        }
    }
}

/// <summary>
/// Three hosts in network namespaces (scripts/netns-cluster.sh): the coordinator on one,
/// a worker node on each of the others, each bound to its own address; one host is cut off
/// mid-job. The coordinator's side is kept, the cut host is downed, its tasks are put back,
/// and the job finishes with every task done once. No namespace is left behind.
/// </summary>
public sealed class NetnsClusterSpec
{
    [NetworkNamespacesFact]
    public async Task A_host_cut_off_mid_job_is_downed_and_the_job_finishes_with_nothing_lost_or_counted_twice()
    {
        var script = NodeProcess.StartScript("netns-cluster", "scripts/netns-cluster.sh", ["--tasks", "16", "--cut-after", "4"]);
        string[] namespaces = [];
        try
        {
            var code = await script.WaitForExitAsync(TimeSpan.FromMinutes(3));
            namespaces = Namespaces(script);

            Assert.True(code == 0, script.Output);
            Assert.Contains(script.Lines, l => l.StartsWith("cut: host 3 (10.77.0.3) off the network after ", StringComparison.Ordinal));
            Assert.Contains(script.Lines, l => l.StartsWith("[coordinator] ", StringComparison.Ordinal) && l.Contains("worker node actorpar@10.77.0.3:", StringComparison.Ordinal) && l.Contains(" unreachable (status Up)", StringComparison.Ordinal));
            Assert.Contains(script.Lines, l => l.StartsWith("[coordinator] ", StringComparison.Ordinal) && l.Contains("worker node actorpar@10.77.0.3:", StringComparison.Ordinal) && l.Contains(" removed (status Removed)", StringComparison.Ordinal));
            var result = Assert.Single(script.Lines, l => l.StartsWith("result: ", StringComparison.Ordinal));
            Assert.StartsWith("result: 16 of 16 tasks done, 0 failed, ", result);
            Assert.Contains("16 results shown for 16 distinct tasks; exit codes: coordinator 0, h2 0, h3 ", result);
            Assert.DoesNotContain("still running", result); // the cut-off node ends by itself
            var (_, left) = await RunAsync("ip", "netns", "list");
            Assert.All(namespaces, ns => Assert.DoesNotContain(ns, left));
        }
        finally
        {
            // Should the script itself be killed, its trap never runs: its nodes die with it
            // (the whole process tree), and its namespaces go here.
            await script.DisposeAsync();
            foreach (var ns in namespaces.Length > 0 ? namespaces : Namespaces(script)) await RunAsync("ip", "netns", "del", ns);
        }
    }

    /// <summary>The namespaces the script named in its first line, if it got that far.</summary>
    private static string[] Namespaces(NodeProcess script) =>
        script.Lines.FirstOrDefault(l => l.StartsWith("namespaces: ", StringComparison.Ordinal))?.Split(' ')[1..5] ?? [];

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync(); // read, so that a chatty ip never blocks on a full pipe
        await Task.WhenAll(output, errors, process.WaitForExitAsync());
        return (process.ExitCode, output.Result);
    }
}
