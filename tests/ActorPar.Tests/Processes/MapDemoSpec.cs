using System.Text.Json;
using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>Seed 003's Pool.map and imap_unordered on a real cluster, over many tiny tasks.</summary>
public sealed partial class MapDemoSpec
{
    [Fact]
    public async Task Map_returns_every_result_once_in_input_order_and_their_sum_checks_out()
    {
        var run = await WorkloadRun.RunAsync(["map", "--count", "50000"]);

        run.AssertEveryNodeExitedZero();
        Assert.Equal(Enumerable.Range(0, 10).Select(x => $"f({x}) = {x * x}"), run.Lines.Where(l => Result().IsMatch(l)));
        var report = run.RequiredReport;
        var figures = report.GetProperty("figures");
        Assert.Equal(50_000, figures.GetProperty("released_in_order").GetInt64());
        Assert.Equal(0, figures.GetProperty("wrong_results").GetInt64());
        Assert.Equal("41665416675000", figures.GetProperty("sum").GetString()); // (N-1) N (2N-1) / 6
        Assert.Equal("41665416675000", figures.GetProperty("expected_sum").GetString());
        // tiny tasks travel in batches: far fewer messages than tasks is what keeps this fast,
        // but the proof that matters here is that every one of them came back exactly once
        Assert.Equal(50_000, report.GetProperty("tasks").GetProperty("completed").GetInt32());
        Assert.Equal(0, report.GetProperty("tasks").GetProperty("duplicates_ignored").GetInt32());
        Assert.Equal(50_000, report.GetProperty("per_worker").EnumerateObject().Sum(w => w.Value.GetInt32()));
        Assert.Contains(run.Lines, l => l.StartsWith("50,000 results in input order (at most ") && l.EndsWith("; sum of f(x) = 41665416675000, as expected"));
    }

    [Fact]
    public async Task Unordered_streams_every_result_as_it_completes_each_input_once()
    {
        var run = await WorkloadRun.RunAsync(["map", "--count", "5000", "--unordered", "--print", "all"]);

        Assert.Equal(0, run.ExitCode);
        var results = run.Lines.Select(l => Result().Match(l)).Where(m => m.Success)
            .Select(m => (X: long.Parse(m.Groups["x"].Value), Y: long.Parse(m.Groups["y"].Value))).ToList();
        Assert.Equal(Enumerable.Range(0, 5000).Select(x => (long)x), results.Select(r => r.X).Order());
        Assert.All(results, r => Assert.Equal(r.X * r.X, r.Y));
        Assert.True(run.RequiredReport.GetProperty("options").GetProperty("unordered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, run.RequiredReport.GetProperty("figures").GetProperty("released_in_order").ValueKind); // nothing is held for order
        Assert.Contains(run.Lines, l => l == "5,000 results as they completed; sum of f(x) = 41654167500, as expected");
    }

    [GeneratedRegex(@"^f\((?<x>\d+)\) = (?<y>\d+)$")]
    private static partial Regex Result();
}
