using System.CommandLine;

namespace ActorPar.Node.Workloads.Primes;

/// <summary><c>coordinator primes</c>: CPU-bound prime counting, one worker against all, in one run.</summary>
public sealed class PrimesCommand : WorkloadCommand
{
    private static readonly Option<long> Below = WorkloadOptions.Number("--below", "Count the primes below this number (M)", 10_000_000L, 3L, 1_000_000_000L);
    private static readonly Option<int> Chunks = WorkloadOptions.Number("--chunks", "Tasks the range is cut into", 100, 1, 1_000_000);

    public override string Name => "primes";
    public override string Description =>
        "CPU-bound: counts the primes below M in chunks, on one worker and then on all, and reports the speed-up (one worker per core unless --workers).";
    public override IEnumerable<Option> Options => [Below, Chunks];

    /// <summary>CPU-bound work gains nothing past one busy worker per core, so that is the default.</summary>
    public override IEnumerable<KeyValuePair<string, string>> ConfigDefaults(ParseResult parse) =>
        [new("actorpar.coordinator.workers", Math.Max(2, Environment.ProcessorCount).ToString())];

    public override Workload Create(ParseResult parse, WorkloadContext context)
    {
        var below = parse.GetValue(Below);
        var chunks = (int)Math.Min(parse.GetValue(Chunks), below); // no empty chunks
        return new PrimesWorkload(below, chunks, context.Config.GetInt("actorpar.coordinator.workers"));
    }
}
