using System.CommandLine;
using ActorPar.Hosting;
using ActorPar.Messaging;
using ActorPar.Workers;

namespace ActorPar.Node.Workloads.Custom;

/// <summary>
/// <c>coordinator custom</c>: your own worker (<c>--worker-type</c>, from an assembly given
/// with <c>--worker-assembly</c>) runs every line of <c>--input</c> as one task, and the
/// results go to <c>--output</c>. Anything wrong with the worker, the types it takes and
/// returns, or the files is one line and exit code 2, before the cluster starts.
/// </summary>
public sealed class CustomCommand : WorkloadCommand
{
    private static readonly Option<string?> Input = new("--input")
    {
        Description = "JSON Lines file: one task's input per line, as JSON of the worker's input type (required)",
        HelpName = "FILE",
    };

    private static readonly Option<string?> Output = new("--output")
    {
        Description = "Write the results here as JSON Lines: {\"id\":..,\"line\":..,\"result\":..} or {..,\"error\":..}; without it they are printed",
        HelpName = "FILE",
    };

    private static readonly Option<bool> Unordered = WorkloadOptions.Switch("--unordered", "Write results as they complete instead of in input order");

    public override string Name => "custom";
    public override string Description =>
        "Your own worker: each line of --input is one task for the worker named by --worker-type (load its assembly on every node with --worker-assembly); results go to --output.";
    public override IEnumerable<Option> Options => [Input, Output, Unordered];

    public override Workload Create(ParseResult parse, WorkloadContext context)
    {
        var worker = WorkerType.Resolve(context.Config.GetString(WorkerType.Key, ""));
        foreach (var message in new[] { worker.Input, worker.Result })
            if (WireTypes.ConfigProblem(context.Config, message) is { } problem) throw new NodeStartException(problem);
        var input = parse.GetValue(Input) ?? throw new NodeStartException("the custom workload needs --input FILE (JSON Lines, one task's input per line)");
        if (!File.Exists(input)) throw new NodeStartException($"input file not found: {input}");
        var output = parse.GetValue(Output);
        return new CustomWorkload(worker, new JsonLinesInput(Path.GetFullPath(input), worker.Input),
            output is null ? null : JsonLinesOutput.Create(output), !parse.GetValue(Unordered));
    }
}
