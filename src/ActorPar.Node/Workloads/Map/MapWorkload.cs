namespace ActorPar.Node.Workloads.Map;

/// <summary>
/// Seed 003's <c>Pool.map</c> and <c>imap_unordered</c>: f(x) = x * x for x in 0..N-1, in chunks
/// the coordinator sizes to about <c>actorpar.coordinator.chunk.target</c> of work. Results are put
/// back in input order a chunk at a time (<see cref="RunOrder"/>) or shown as they complete; their sum checks
/// that every x was computed once. Only the first few are printed unless asked.
/// </summary>
public sealed class MapWorkload(ParseResult parse, WorkloadContext context) : Workload(context)
{
    private static readonly Option<long> Count = WorkloadOptions.Number("--count", "N: compute f(x) for x in 0..N-1", 1_000_000L, 1L, 1_000_000_000L);
    private static readonly Option<bool> Unordered = WorkloadOptions.Switch("--unordered", "Show results as they complete (imap_unordered) instead of in input order (map)");
    private static readonly Option<string> Print = new("--print")
    {
        Description = "How many results to print, or all", DefaultValueFactory = _ => "10", HelpName = "N|all",
        Validators = { r => { if (r.GetValueOrDefault<string>() is var text && text != "all" && !(long.TryParse(text, out var n) && n >= 0)) r.AddError($"--print takes a number or all, not '{text}'"); } },
    };

    public static WorkloadCommand Command { get; } = new("map",
        "Seed 003's Pool.map: f(x) = x*x for x in 0..N-1, chunked adaptively, returned in input order; --unordered streams them as they complete.",
        (parse, context) => new MapWorkload(parse, context), Count, Unordered, Print);

    private readonly long _count = parse.GetValue(Count);
    private readonly bool _unordered = parse.GetValue(Unordered);
    private readonly long _print = parse.GetValue(Print) is "all" ? long.MaxValue : long.Parse(parse.GetValue(Print)!);
    private readonly RunOrder _order = new();
    private Int128 _sum;
    private long _received, _wrong, _printed;

    public override string Point => "Pool.map as messages: tiny tasks travel in chunks sized to their measured time, idle workers pull the next chunk, " +
                                    "and each result comes back to the coordinator, in input order or as it completes.";
    public override Props WorkerProps => Props.Create<MapWorker>();
    protected override IReadOnlyList<WorkloadJob> DefineJobs() => [new(Name, Numbers(_count))];
    public override IEnumerable<string> Preamble =>
    [
        $"f(x) = x * x for x in 0..{WorkloadOptions.Show(_count - 1)}, " + (_unordered ? "as they complete (imap_unordered)" : "in input order (Pool.map)") +
        $", on {Context.Workers} workers; " + (_print == long.MaxValue ? "printing every result" : $"printing the first {WorkloadOptions.Show(_print)} (--print all for every one)"),
    ];

    /// <summary>Σ x² for x in 0..N-1, which the results must add up to.</summary>
    public Int128 ExpectedSum => (Int128)(_count - 1) * _count * (2 * (Int128)_count - 1) / 6;

    /// <summary>
    /// Checks a run of results straight from its typed array (x is the input's position), puts
    /// it in order a run at a time, and prints the results it releases (up to --print) and each failure.
    /// </summary>
    public override void TakeRun(WorkloadJob job, ResultRun run, Action<string> line)
    {
        if (run.Failed) line($"task {run.First} failed: {run.Error}");
        else Check(run);
        foreach (var released in _unordered ? new[] { run } : _order.Add(run))
            if (!released.Failed && _printed < _print)
            {
                var values = Values(released);
                for (var i = 0; i < released.Count && _printed < _print; i++, _printed++) line($"f({released.First + i}) = {values[i]}");
            }
    }

    private void Check(ResultRun run)
    {
        var values = Values(run);
        _received += run.Count;
        for (var i = 0; i < values.Length; i++)
        {
            var y = values[i];
            _sum += y;
            if (y != MapWorker.F(run.First + i)) _wrong++;
        }
    }

    private static ReadOnlySpan<long> Values(ResultRun run)
    {
        if (run.TryGetResults<long>(out var typed)) return typed;
        var copy = new long[run.Count];
        run.CopyResultsTo<long>(copy);
        return copy;
    }

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs) =>
    [
        (_unordered ? $"{WorkloadOptions.Show(_received)} results as they completed"
                    : $"{WorkloadOptions.Show(_order.Next)} results in input order (at most {WorkloadOptions.Show(_order.MostWaiting)} waited for an earlier one)") +
        $"; sum of f(x) = {_sum}" + (_sum == ExpectedSum && _wrong == 0 ? ", as expected" : $", WRONG: expected {ExpectedSum}, {_wrong} wrong result(s)"),
    ];

    public override bool Verify(IReadOnlyList<JobRun> runs) => _wrong == 0 && _received == _count && _sum == ExpectedSum && (_unordered || _order.Next == _count);

    public override object Figures(IReadOnlyList<JobRun> runs) => new
    {
        Sum = _sum.ToString(), ExpectedSum = ExpectedSum.ToString(), WrongResults = _wrong,
        ReleasedInOrder = _unordered ? (long?)null : _order.Next, MostWaitingForOrder = _unordered ? (long?)null : _order.MostWaiting,
    };
}
