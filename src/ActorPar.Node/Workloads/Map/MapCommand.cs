using System.CommandLine;

namespace ActorPar.Node.Workloads.Map;

/// <summary><c>coordinator map</c>: Pool.map, or imap_unordered with <c>--unordered</c>, over many tiny tasks.</summary>
public sealed class MapCommand : WorkloadCommand
{
    private static readonly Option<long> Count = WorkloadOptions.Number("--count", "N: compute f(x) for x in 0..N-1", 1_000_000L, 1L, 1_000_000_000L);
    private static readonly Option<bool> Unordered = WorkloadOptions.Switch("--unordered", "Show results as they complete (imap_unordered) instead of in input order (map)");

    private static readonly Option<string> Print = new Option<string>("--print")
    {
        Description = "How many results to print, or all",
        DefaultValueFactory = _ => "10",
        HelpName = "N|all",
        Validators = { result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (text != "all" && !(long.TryParse(text, out var n) && n >= 0)) result.AddError($"--print takes a number or all, not '{text}'");
        } },
    };

    public override string Name => "map";
    public override string Description =>
        "Seed 003's Pool.map: f(x) = x*x for x in 0..N-1, batched adaptively, returned in input order; --unordered streams them as they complete.";
    public override IEnumerable<Option> Options => [Count, Unordered, Print];

    public override Workload Create(ParseResult parse, WorkloadContext context) =>
        new MapWorkload(parse.GetValue(Count), parse.GetValue(Unordered), parse.GetValue(Print) is "all" ? null : long.Parse(parse.GetValue(Print)!),
            context.Config.GetInt("actorpar.coordinator.workers"));
}
