using System.CommandLine;
using System.Globalization;
using ActorPar.Hosting;

namespace ActorPar.Node.Cli;

/// <summary>
/// The options every node takes, and the coordinator's. Each one that sets configuration is a
/// <see cref="KeyedOption"/>: its key, its check and its help are declared here once, and its
/// default lives in hocon/. The others shape one run (its report, its output, its seed).
/// </summary>
public static class NodeOptions
{
    // ---- every node ----

    public static readonly KeyedOption Host = new("--host", ConfigKeys.Host, "Address to bind and advertise");
    public static readonly KeyedOption Port = new("--port", ConfigKeys.Port, "TCP port; 0 lets the OS pick a free one");
    public static readonly KeyedOption WorkerType = new("--worker-type", ConfigKeys.WorkerType,
        "Your worker class, \"Namespace.Type, Assembly\": the custom workload runs it, and a worker node checks it can create it");

    public static readonly Option<string[]> ConfigFiles = new("--config")
    {
        Description = "Extra HOCON file, applied over hocon/ (repeatable)",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string[]> Sets = new("--set")
    {
        Description = "Override one configuration key: --set akka.loglevel=DEBUG (repeatable, applied last)",
        Recursive = true,
    };

    public static readonly Option<string?> ConfigDirectory = new("--config-dir")
    {
        Description = "Folder with common.conf and the role files [default: hocon/ next to the program]",
        Recursive = true,
    };

    public static readonly Option<string[]> WorkerAssemblies = new("--worker-assembly")
    {
        Description = "Load your worker's assembly (a .dll path) on this node; give it to every node (repeatable)",
        Recursive = true,
    };

    public static readonly Option<bool> Tls = new("--tls")
    {
        Description = "Mutual TLS between nodes: apply hocon/tls.conf (certificates from scripts/make-certs.sh, paths and password from ACTORPAR_TLS_* variables)",
        Recursive = true,
    };

    public static readonly Option<bool> CheckOnly = new("--check-only")
    {
        Description = "Check the command line and the configuration, start nothing, and exit: 0 when both are fine, 2 with the reason (run-cluster.sh does this before it starts any node)",
        Recursive = true,
    };

    public static readonly Option<string?> AddressFile = new("--address-file")
    {
        Description = "Write this node's cluster address to this file once its port is bound",
        Recursive = true,
    };

    // ---- coordinator ----

    public static readonly KeyedOption Nodes = new("--nodes", ConfigKeys.WorkerNodes, "Worker nodes that must be Up before work starts");
    public static readonly KeyedOption Workers = new("--workers", ConfigKeys.Workers, "Worker actors to deploy across the worker nodes");
    public static readonly KeyedOption WorkersPerNode = new("--workers-per-node", ConfigKeys.WorkersPerNode, "The most worker actors on one node; 0: ceil(workers / nodes)");
    public static readonly KeyedOption Dispatch = new("--dispatch", ConfigKeys.Dispatch, "pull: idle workers ask for tasks; push: every task is sent at once, round-robin");
    public static readonly KeyedOption Credit = new("--credit", ConfigKeys.Credit, "Chunks a worker may hold at once");
    public static readonly KeyedOption BatchMax = new("--batch-max", ConfigKeys.ChunkMax, "The most tasks in one chunk; 1 sends every task on its own");
    public static readonly KeyedOption ChunkSize = new("--chunk-size", ConfigKeys.ChunkSize, "Every chunk exactly N tasks (Pool.map's chunksize); 0: sized to their measured time");
    public static readonly KeyedOption MaxAttempts = new("--max-attempts", ConfigKeys.MaxAttempts, "Tries per task before it fails for good");
    public static readonly KeyedOption TaskTimeout = new("--task-timeout", ConfigKeys.TaskTimeout, "Restart a worker silent this long on a task and put the task back, e.g. 30s");
    public static readonly KeyedOption ReadyTimeout = new("--ready-timeout", ConfigKeys.ReadyTimeout, "How long to wait for worker nodes and workers");

    public static readonly Option<double> TimeScale = new("--time-scale")
    {
        Description = "Multiply every task's sleep by this, e.g. 0.1 for a quick look",
        DefaultValueFactory = _ => 1.0,
        Recursive = true,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return 1.0;
            var text = result.Tokens[^1].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && !double.IsInfinity(value)) return value;
            result.AddError($"--time-scale must be a positive number, not '{text}'");
            return 0;
        },
    };

    public static readonly Option<int?> RandomSeed = new("--random-seed")
    {
        Description = "Seed for every random choice, so a run can be replayed [default: a fresh one, printed]",
        Recursive = true,
    };

    public static readonly Option<string?> Report = new("--report")
    {
        Description = "Write the run's JSON report to this file",
        Recursive = true,
    };

    public static readonly Option<string?> Log = new("--log")
    {
        Description = "Also write the run's lines, plain, to this file",
        Recursive = true,
    };

    public static readonly Option<string> Progress = new Option<string>("--progress")
    {
        Description = "live: a progress display; plain: lines; auto: live on a terminal",
        DefaultValueFactory = _ => "auto",
        Recursive = true,
    }.AcceptOnlyFromAmong("auto", "live", "plain");

    // ---- worker ----

    public static readonly KeyedOption Seed = new("--seed", ConfigKeys.Seed, "The coordinator to join, as HOST:PORT or akka.tcp://actorpar@HOST:PORT");
    public static readonly KeyedOption SeedFile = new("--seed-file", ConfigKeys.SeedFile,
        "Read the coordinator's address from this file, waiting until it appears (run-cluster.sh starts nodes in parallel this way)");
    public static readonly KeyedOption JoinTimeout = new("--join-timeout", ConfigKeys.JoinTimeout, "Give up (exit 2) when the seed does not let this node in within this time");

    /// <summary>Every option that sets a key, for the one loop that turns them into configuration.</summary>
    public static IReadOnlyList<KeyedOption> Keyed { get; } = typeof(NodeOptions).GetFields()
        .Where(f => f.FieldType == typeof(KeyedOption)).Select(f => (KeyedOption)f.GetValue(null)!).ToList();
}
