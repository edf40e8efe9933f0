using ActorPar.Node.Workloads.Map;

namespace ActorPar.Node.Workloads.Custom;

/// <summary>
/// Your own worker on the cluster: the worker type named in configuration, from an assembly
/// loaded on every node. Results go to <c>--output</c> in input order (each held only until
/// every earlier one is in) or as they complete, a task that failed for good with its error.
/// Anything wrong with the worker, its types or the files is one line and exit code 2.
/// </summary>
public sealed class CustomWorkload : Workload
{
    private static readonly Option<string?> Input = WorkloadOptions.File("--input", "JSON Lines file: one task's input per line, as JSON of the worker's input type (required)");
    private static readonly Option<string?> Output = WorkloadOptions.File("--output",
        "Write the results here as JSON Lines: {\"id\":..,\"line\":..,\"result\":..} or {..,\"error\":..}; without it they are printed");
    private static readonly Option<bool> Unordered = WorkloadOptions.Switch("--unordered", "Write results as they complete instead of in input order");

    public static WorkloadCommand Command { get; } = new("custom",
        "Your own worker: each line of --input is one task for the worker named by --worker-type (load its assembly on every node with --worker-assembly); results go to --output.",
        (parse, context) => new CustomWorkload(parse, context), Input, Output, Unordered);

    private readonly WorkerType _worker;
    private readonly JsonLinesInput _input;
    private readonly JsonLinesOutput? _output;
    private readonly bool _ordered;
    private readonly InputOrder<TaskResult> _order = new();
    private readonly List<int> _failedLines = [];

    private CustomWorkload(ParseResult parse, WorkloadContext context) : base(context)
    {
        _worker = WorkerType.Resolve(context.Config.GetString(WorkerType.Key, ""));
        foreach (var message in new[] { _worker.Input, _worker.Result })
            if (WireTypes.ConfigProblem(context.Config, message) is { } problem) throw new NodeStartException(problem);
        var input = parse.GetValue(Input) ?? throw new NodeStartException("the custom workload needs --input FILE (JSON Lines, one task's input per line)");
        if (!File.Exists(input)) throw new NodeStartException($"input file not found: {input}");
        _input = new JsonLinesInput(Path.GetFullPath(input), _worker.Input);
        _output = parse.GetValue(Output) is { } output ? JsonLinesOutput.Create(output) : null;
        _ordered = !parse.GetValue(Unordered);
    }

    public override string Point => "Your own worker as an actor: deployed onto every worker node from its own assembly, fed by idle-worker pulls, " +
                                    "restarted by its supervisor when a task throws, and each outcome recorded by the coordinator once.";
    public override Props WorkerProps => Props.Create(_worker.Type);
    protected override IReadOnlyList<WorkloadJob> DefineJobs() => [new(Name, _input.Tasks(), _input.Count())];
    public override IEnumerable<string> Preamble =>
    [
        $"{_worker.Type.FullName} ({_worker.Input.Name} -> {_worker.Result.Name}) on {Jobs[0].Count} task(s) from {_input.Path}, " +
        (_ordered ? "results in input order" : "results as they complete"),
    ];

    /// <summary>Writes the results this one releases (to --output, or as lines to print); with --output, a failure also gets a line.</summary>
    public override string? Take(WorkloadJob job, TaskResult result)
    {
        var lines = new List<string>();
        foreach (var (index, released) in _ordered ? _order.Add(result.Index, result) : [(result.Index, result)])
        {
            if (released.Failed) _failedLines.Add(_input.LineOf(index));
            var json = JsonLinesOutput.Format(index, _input.LineOf(index), released.Result, released.Error);
            if (_output is not null) _output.Write(json);
            else lines.Add(json);
        }
        if (result.Failed && _output is not null) lines.Add($"task {result.Index} (line {_input.LineOf(result.Index)}) failed: {result.Error}");
        return lines.Count == 0 ? null : string.Join(Environment.NewLine, lines);
    }

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) => _failedLines.Count == 0 ? [] :
        [$"failed for good: line {string.Join(", ", _failedLines.Order().Take(20))}{(_failedLines.Count > 20 ? ", ..." : "")} of {_input.Path}"];

    public override object Figures(IReadOnlyList<JobRun> runs) => new { WorkerType = _worker.Type.AssemblyQualifiedName, FailedLines = _failedLines.Order() };
}
