namespace ActorPar.Node.Workloads.Map;

/// <summary>
/// Seed 003's <c>Pool.map</c> and <c>imap_unordered</c>: f(x) = x * x for x in 0..N-1, in batches
/// the coordinator sizes to about <c>actorpar.coordinator.batch.target</c> of work. Results are put
/// back in input order (<see cref="InputOrder{T}"/>) or shown as they complete; their sum checks
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
        "Seed 003's Pool.map: f(x) = x*x for x in 0..N-1, batched adaptively, returned in input order; --unordered streams them as they complete.",
        (parse, context) => new MapWorkload(parse, context), Count, Unordered, Print);

    private readonly long _count = parse.GetValue(Count);
    private readonly bool _unordered = parse.GetValue(Unordered);
    private readonly long _print = parse.GetValue(Print) is "all" ? long.MaxValue : long.Parse(parse.GetValue(Print)!);
    private readonly InputOrder<long?> _order = new();
    private Int128 _sum;
    private long _received, _wrong, _printed;

    public override string Point => "Pool.map as messages: tiny tasks travel in batches sized to their measured time, idle workers pull the next batch, " +
                                    "and each result comes back to the coordinator, in input order or as it completes.";
    public override Props WorkerProps => Props.Create<MapWorker>();
    protected override IReadOnlyList<WorkloadJob> DefineJobs() => [new(Name, Numbers(_count), _count)];
    public override IEnumerable<string> Preamble =>
    [
        $"f(x) = x * x for x in 0..{WorkloadOptions.Show(_count - 1)}, " + (_unordered ? "as they complete (imap_unordered)" : "in input order (Pool.map)") +
        $", on {Context.Workers} workers; " + (_print == long.MaxValue ? "printing every result" : $"printing the first {WorkloadOptions.Show(_print)} (--print all for every one)"),
    ];

    /// <summary>Σ x² for x in 0..N-1, which the results must add up to.</summary>
    public Int128 ExpectedSum => (Int128)(_count - 1) * _count * (2 * (Int128)_count - 1) / 6;

    /// <summary>Checks the result, puts it in order, and returns a line for each result it releases (up to --print) and for a failure.</summary>
    public override string? Take(WorkloadJob job, TaskResult result)
    {
        long? y = result.Result is long value ? value : null; // null: the task failed
        if (y is { } computed)
        {
            (_received, _sum) = (_received + 1, _sum + computed);
            if (result.Input is not long x || computed != MapWorker.F(x)) _wrong++;
        }
        var lines = new List<string>();
        foreach (var (x, fx) in _unordered ? [(result.Index, y)] : _order.Add(result.Index, y))
            if (fx is not null && _printed++ < _print) lines.Add($"f({x}) = {fx}");
        if (Failure(result) is { } failure) lines.Add(failure);
        return lines.Count == 0 ? null : string.Join(Environment.NewLine, lines);
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
        ReleasedInOrder = _unordered ? (long?)null : _order.Next, MostWaitingForOrder = _unordered ? (int?)null : _order.MostWaiting,
    };
}
