using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ActorPar.Node.Cli;

/// <summary>
/// The options every node takes, and the coordinator's. Each one that sets configuration
/// names its HOCON key, so the command line, the environment and hocon/ stay one system.
/// </summary>
public static class NodeOptions
{
    public static readonly Option<string?> Host = new("--host")
    {
        Description = "Address to bind and advertise [akka.remote.dot-netty.tcp.hostname, default 127.0.0.1]",
        Recursive = true,
    };

    public static readonly Option<int?> Port = Ranged(new Option<int?>("--port")
    {
        Description = "TCP port; 0 lets the OS pick a free one [akka.remote.dot-netty.tcp.port, default 0]",
        Recursive = true,
    }, 0, 65535);

    public static readonly Option<string?> Seed = new("--seed")
    {
        Description = "The coordinator to join, as HOST:PORT or akka.tcp://actorpar@HOST:PORT [actorpar.cluster.seed]",
        Recursive = true,
    };

    public static readonly Option<string?> SeedFile = new("--seed-file")
    {
        Description = "Read the coordinator's address from this file, waiting until it appears (run-cluster.sh starts nodes in parallel this way) [actorpar.cluster.seed-file]",
        Recursive = true,
    };

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

    public static readonly Option<string?> WorkerType = new("--worker-type")
    {
        Description = "Your worker class, \"Namespace.Type, Assembly\": the custom workload runs it, and a worker node checks it can create it [actorpar.worker.type]",
        Recursive = true,
    };

    // ---- coordinator ----

    public static readonly Option<int?> Nodes = Ranged(new Option<int?>("--nodes")
    {
        Description = "Worker nodes that must be Up before work starts [akka.cluster.role.worker.min-nr-of-members, default 1]",
        Recursive = true,
    }, 1, 1000);

    public static readonly Option<int?> Workers = Ranged(new Option<int?>("--workers")
    {
        Description = "Worker actors to deploy across the worker nodes [actorpar.coordinator.workers, default 3]",
        Recursive = true,
    }, 1, 100_000);

    public static readonly Option<int?> WorkersPerNode = Ranged(new Option<int?>("--workers-per-node")
    {
        Description = "The most worker actors on one node [actorpar.coordinator.workers-per-node, default ceil(workers/nodes)]",
        Recursive = true,
    }, 1, 100_000);

    public static readonly Option<string?> Dispatch = new Option<string?>("--dispatch")
    {
        Description = "pull: idle workers ask for tasks; push: every task is sent at once, round-robin [actorpar.coordinator.dispatch]",
        Recursive = true,
    }.AcceptOnlyFromAmong("pull", "push");

    public static readonly Option<int?> Credit = Ranged(new Option<int?>("--credit")
    {
        Description = "Batches a worker may hold at once [actorpar.coordinator.credit, default 1]",
        Recursive = true,
    }, 1, 10_000);

    public static readonly Option<int?> BatchMax = Ranged(new Option<int?>("--batch-max")
    {
        Description = "The most tasks in one batch; 1 turns batching off [actorpar.coordinator.batch.max-size, default 4096]",
        Recursive = true,
    }, 1, 1_000_000);

    public static readonly Option<int?> MaxAttempts = Ranged(new Option<int?>("--max-attempts")
    {
        Description = "Tries per task before it fails for good [actorpar.coordinator.max-attempts, default 3]",
        Recursive = true,
    }, 1, 1000);

    public static readonly Option<string?> TaskTimeout = Duration(new Option<string?>("--task-timeout")
    {
        Description = "Restart a worker silent this long on a task and put the task back, e.g. 30s [actorpar.coordinator.task-timeout, default off]",
        Recursive = true,
    });

    public static readonly Option<string?> ReadyTimeout = Duration(new Option<string?>("--ready-timeout")
    {
        Description = "How long to wait for worker nodes and workers [actorpar.coordinator.ready-timeout, default 30s]",
        Recursive = true,
    });

    public static readonly Option<double> TimeScale = Positive(new Option<double>("--time-scale")
    {
        Description = "Multiply every task's sleep by this, e.g. 0.1 for a quick look",
        DefaultValueFactory = _ => 1.0,
        Recursive = true,
    });

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

    public static readonly Option<string?> AddressFile = new("--address-file")
    {
        Description = "Write this node's cluster address to this file once its port is bound",
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

    public static readonly Option<string?> JoinTimeout = Duration(new Option<string?>("--join-timeout")
    {
        Description = "Give up (exit 2) when the seed does not let this node in within this time [actorpar.cluster.join-timeout, default 10s]",
        Recursive = true,
    });

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; anything else is a usage error that names the option.</summary>
    private static Option<int?> Ranged(Option<int?> option, int min, int max)
    {
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            var text = result.Tokens[^1].Value;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                result.AddError($"{option.Name} takes a whole number from {min} to {max}, not '{text}'");
            else if (value < min || value > max)
                result.AddError($"{option.Name} must be between {min} and {max}, not {value}");
            else
                return value;
            return null;
        };
        return option;
    }

    /// <summary>A finite number above zero; anything else is a usage error that names the option.</summary>
    private static Option<double> Positive(Option<double> option)
    {
        var fallback = option.DefaultValueFactory;
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return fallback is null ? 0 : fallback(result);
            var text = result.Tokens[^1].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && !double.IsInfinity(value))
                return value;
            result.AddError($"{option.Name} must be a positive number, not '{text}'");
            return 0;
        };
        return option;
    }

    private static Option<string?> Duration(Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !IsDuration(text))
                result.AddError($"{option.Name} takes a duration such as 500ms, 10s or 2m, not '{text}'");
        });
        return option;
    }

    private static bool IsDuration(string text) =>
        text == "off" || System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d+(\.\d+)?\s*(ms|s|m|h)$");
}
