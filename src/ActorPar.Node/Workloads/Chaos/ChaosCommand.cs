using System.CommandLine;
using ActorPar.Hosting;

namespace ActorPar.Node.Workloads.Chaos;

/// <summary><c>coordinator chaos</c>: tasks of random length for fault trials (scripts/chaos.sh runs many).</summary>
public sealed class ChaosCommand : WorkloadCommand
{
    private static readonly Option<int> Tasks = WorkloadOptions.Number("--tasks", "How many tasks", 40, 1, 10_000_000);
    private static readonly Option<int> MinMs = WorkloadOptions.Number("--min-ms", "The shortest task, in milliseconds", 100, 0, 3_600_000);
    private static readonly Option<int> MaxMs = WorkloadOptions.Number("--max-ms", "The longest task, in milliseconds", 1000, 0, 3_600_000);

    private static readonly Option<bool> Busy = WorkloadOptions.Switch("--busy", "Tasks keep a CPU busy for their length instead of waiting on a timer");

    private static readonly Option<int[]> Hang = new("--hang")
    {
        Description = "Task positions that never return, e.g. 3,7 (try it with --task-timeout)",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "TASKS",
        DefaultValueFactory = _ => [],
        CustomParser = result =>
        {
            var positions = new List<int>();
            foreach (var text in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!int.TryParse(text, out var position) || position < 0)
                {
                    result.AddError($"--hang takes task positions such as 3,7, not '{text}'");
                    return [];
                }
                positions.Add(position);
            }
            return [.. positions];
        },
    };

    public override string Name => "chaos";
    public override string Description =>
        "Tasks of random length (--random-seed replays them) for fault trials: kill, stop or add worker nodes mid-job and check nothing is lost or counted twice.";
    public override IEnumerable<Option> Options => [Tasks, MinMs, MaxMs, Busy, Hang];

    public override Workload Create(ParseResult parse, WorkloadContext context)
    {
        var min = parse.GetValue(MinMs);
        var max = parse.GetValue(MaxMs);
        if (max < min) throw new NodeStartException($"--max-ms ({max}) must not be below --min-ms ({min})");
        return new ChaosWorkload(parse.GetValue(Tasks), min, max, parse.GetValue(Hang)!.ToHashSet(), parse.GetValue(Busy), context.RandomSeed, context.TimeScale);
    }
}
