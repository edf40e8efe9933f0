using System.Text.Json;

namespace ActorPar.Tests.Support;

/// <summary>What a workload run showed: the coordinator's lines, every node's exit code, the worker nodes' lines and pids, and the report.</summary>
public sealed record WorkloadOutcome(
    IReadOnlyDictionary<string, int> ExitCodes,
    IReadOnlyList<string> Lines,
    IReadOnlyList<string> WorkerLines,
    IReadOnlyList<int> WorkerPids,
    JsonElement? Report)
{
    public int ExitCode => ExitCodes["coordinator"];

    public JsonElement RequiredReport => Report ?? throw new Xunit.Sdk.XunitException($"no report was written. Output:\n{string.Join('\n', Lines)}");

    public string Output => string.Join('\n', Lines);

    /// <summary>Every node exited 0; else fails with each exit code and every node's output, so that a failure in CI can be read.</summary>
    public void AssertEveryNodeExitedZero()
    {
        if (ExitCodes.Values.All(code => code == 0)) return;
        throw new Xunit.Sdk.XunitException(
            $"exit codes: {string.Join(", ", ExitCodes.Select(c => $"{c.Key} {c.Value}"))}\n" +
            $"coordinator:\n{Output}\nworker nodes:\n{string.Join('\n', WorkerLines)}");
    }
}

/// <summary>
/// Runs one workload end to end, as <c>run-cluster.sh WORKLOAD</c> does: a coordinator and
/// worker node processes on 127.0.0.1, the report written, every process exited and gone.
/// </summary>
public static class WorkloadRun
{
    /// <param name="workerArguments">Options for every worker node too, as run-cluster.sh passes --config and --worker-assembly.</param>
    public static async Task<WorkloadOutcome> RunAsync(IEnumerable<string> arguments, int workerNodes = 2, TimeSpan? bound = null,
        IReadOnlyList<string>? workerArguments = null)
    {
        await using var cluster = new LocalCluster();
        await cluster.StartCoordinatorAsync([.. arguments, .. workerArguments ?? []], workerNodes);
        for (var i = 0; i < workerNodes; i++) cluster.StartWorker(workerArguments);
        var codes = await cluster.WaitForAllToExitAsync(bound ?? TimeSpan.FromSeconds(60));
        JsonElement? report = File.Exists(cluster.ReportPath) ? cluster.Report().Clone() : null;
        return new WorkloadOutcome(codes, cluster.Coordinator.Lines.ToList(), cluster.Workers.SelectMany(w => w.Lines).ToList(),
            cluster.Workers.Select(w => w.Id).ToList(), report);
    }
}
