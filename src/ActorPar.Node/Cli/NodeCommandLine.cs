using System.CommandLine;
using ActorPar.Hosting;
using ActorPar.Node.Hosts;
using ActorPar.Node.Workloads;
using ActorPar.Workers;
using Akka.Configuration;

namespace ActorPar.Node.Cli;

/// <summary>
/// The node program's command line: <c>coordinator [WORKLOAD]</c> starts the seed node that
/// runs a job, <c>worker</c> starts a node that hosts workers. Bad usage is one line on
/// stderr and exit code 2.
/// </summary>
public static class NodeCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "ActorPar node: one process of an Akka.NET cluster. Start one coordinator (the seed, which runs a job) " +
            "and worker nodes that join it; run-cluster.sh does both.");
        foreach (var option in new Option[]
                 {
                     NodeOptions.Host.Option, NodeOptions.Port.Option, NodeOptions.ConfigFiles, NodeOptions.Sets, NodeOptions.ConfigDirectory,
                     NodeOptions.WorkerAssemblies, NodeOptions.WorkerType.Option, NodeOptions.AddressFile, NodeOptions.Tls, NodeOptions.CheckOnly,
                 })
            root.Options.Add(option);

        root.Subcommands.Add(BuildCoordinator());
        root.Subcommands.Add(BuildWorker());
        return root;
    }

    /// <summary>Parses and runs; every failure the user can cause ends as one line on stderr.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        _ = ShutdownSignals.ForProcess; // before anything else: a Ctrl-C from here on is ours to handle
        if (args.Any(a => a is "-h" or "--help" or "-?")) ShowDefaultsInHelp();
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"error: {parse.Errors[0].Message} (see --help)");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
        }
        catch (NodeStartException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            var root = e is AggregateException { InnerException: { } inner } ? inner : e;
            await Console.Error.WriteLineAsync($"error: {root.GetType().Name}: {root.Message.Split('\n')[0]}");
            return ExitCodes.Failed;
        }
    }

    private static Command BuildCoordinator()
    {
        var coordinator = new Command("coordinator", "Start the seed node and run a job on the worker nodes that join it. WORKLOAD defaults to queue.");
        foreach (var option in new Option[]
                 {
                     NodeOptions.Nodes.Option, NodeOptions.Workers.Option, NodeOptions.WorkersPerNode.Option, NodeOptions.Dispatch.Option,
                     NodeOptions.Credit.Option, NodeOptions.BatchMax.Option, NodeOptions.ChunkSize.Option, NodeOptions.MaxAttempts.Option, NodeOptions.TaskTimeout.Option,
                     NodeOptions.ReadyTimeout.Option, NodeOptions.TimeScale, NodeOptions.RandomSeed, NodeOptions.Report, NodeOptions.Progress, NodeOptions.Log,
                 })
            coordinator.Options.Add(option);

        foreach (var workload in WorkloadCatalog.All)
        {
            var command = new Command(workload.Name, workload.Description);
            foreach (var option in workload.Options) command.Options.Add(option);
            command.SetAction((parse, _) => RunCoordinatorAsync(parse, workload));
            coordinator.Subcommands.Add(command);
        }
        coordinator.SetAction((parse, _) => RunCoordinatorAsync(parse, WorkloadCatalog.All[0]));
        return coordinator;
    }

    private static Command BuildWorker()
    {
        var worker = new Command("worker", "Start a worker node: it joins the seed and hosts the workers the coordinator's router deploys.");
        foreach (var option in new[] { NodeOptions.Seed, NodeOptions.SeedFile, NodeOptions.JoinTimeout }) worker.Options.Add(option.Option);
        worker.SetAction(async (parse, _) =>
        {
            var signals = ShutdownSignals.ForProcess;
            WorkerAssemblyLoader.LoadWithEnvironment(parse.GetValue(NodeOptions.WorkerAssemblies) ?? []);
            var config = LoadConfig(parse, "worker");
            if (parse.GetValue(NodeOptions.CheckOnly))
            {
                WorkerNode.Check(config);
                return ExitCodes.Ok;
            }
            return await WorkerNode.RunAsync(config, signals, parse.GetValue(NodeOptions.AddressFile));
        });
        return worker;
    }

    private static async Task<int> RunCoordinatorAsync(ParseResult parse, WorkloadCommand workloadCommand)
    {
        var signals = ShutdownSignals.ForProcess;
        WorkerAssemblyLoader.LoadWithEnvironment(parse.GetValue(NodeOptions.WorkerAssemblies) ?? []);
        var config = LoadConfig(parse, "coordinator", workloadCommand.ConfigDefaults(parse));
        // A worker type the coordinator cannot create is one the worker nodes will refuse too:
        // say so now, whatever the workload, rather than wait out the ready timeout for them.
        if (config.GetString(WorkerType.Key) is { Length: > 0 } workerType) WorkerType.Resolve(workerType);
        NodeTls.Setup(config);
        var seed = parse.GetValue(NodeOptions.RandomSeed) ?? Random.Shared.Next(1, 1_000_000);
        var context = new WorkloadContext(workloadCommand.Name, seed, parse.GetValue(NodeOptions.TimeScale), config);
        var workload = workloadCommand.Create(parse, context);
        if (parse.GetValue(NodeOptions.CheckOnly)) return ExitCodes.Ok;
        var options = new Dictionary<string, object?> { ["random_seed"] = seed, ["time_scale"] = context.TimeScale };
        foreach (var option in workloadCommand.Options) options[option.Name.TrimStart('-').Replace('-', '_')] = parse.GetValue<object?>(option.Name);
        var run = new CoordinatorRun(config, workload, parse.GetValue(NodeOptions.Report), parse.GetValue(NodeOptions.AddressFile),
            parse.GetValue(NodeOptions.Progress) ?? "auto", parse.GetValue(NodeOptions.Log), options);
        return await CoordinatorHost.RunAsync(run, signals);
    }

    /// <summary>hocon/ for the role, then the workload's defaults, then the options that name a key, then every --set.</summary>
    private static Config LoadConfig(ParseResult parse, string role, IEnumerable<KeyValuePair<string, string>>? defaults = null)
    {
        var overrides = NodeOptions.Keyed
            .Where(o => parse.GetResult(o.Option) is not null && parse.GetValue(o.Option) is not null)
            .Select(o => new KeyValuePair<string, string>(o.Setting.Key, parse.GetValue(o.Option)!))
            .Concat((parse.GetValue(NodeOptions.Sets) ?? []).Select(NodeConfig.ParseAssignment));

        var directory = parse.GetValue(NodeOptions.ConfigDirectory);
        IEnumerable<string> files = parse.GetValue(NodeOptions.ConfigFiles) ?? [];
        if (parse.GetValue(NodeOptions.Tls)) files = files.Prepend(Path.Combine(directory ?? NodeConfig.DefaultDirectory, "tls.conf"));
        return NodeConfig.Load(role, directory, files, overrides, defaults: defaults);
    }

    /// <summary>Help shows each key's default, read from hocon/ (only when help is asked for: it costs a parse).</summary>
    private static void ShowDefaultsInHelp()
    {
        try
        {
            var defaults = NodeConfig.Load("coordinator", environment: new Dictionary<string, string>());
            foreach (var option in NodeOptions.Keyed) option.ShowDefault(defaults);
        }
        catch (NodeStartException)
        {
            // a broken hocon/ is reported when a node starts; help still shows the keys
        }
    }
}
