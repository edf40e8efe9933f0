using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>The benchmark workloads on a real cluster: what they count is right; how fast is bench/run.sh's business.</summary>
public sealed class BenchWorkloadsSpec
{
    [Fact]
    public async Task Noop_one_task_per_message_brings_every_result_back_once()
    {
        var run = await WorkloadRun.RunAsync(["noop", "--count", "3000", "--batch-max", "1", "--credit", "8"]);

        Assert.All(run.ExitCodes, code => Assert.Equal(0, code.Value));
        var report = run.RequiredReport;
        Assert.Equal(3000, report.GetProperty("tasks").GetProperty("completed").GetInt32());
        Assert.Equal(0, report.GetProperty("tasks").GetProperty("duplicates_ignored").GetInt32());
        Assert.Equal(1, report.GetProperty("batch_max").GetInt32());
        Assert.True(report.GetProperty("tasks_per_second").GetDouble() > 0);
        Assert.Contains(run.Lines, l => l == "3,000 results, sum as expected");
    }

    [Fact]
    public async Task Ping_runs_one_task_at_a_time_and_reports_its_round_trips()
    {
        var run = await WorkloadRun.RunAsync(["ping", "--count", "200"]);

        Assert.All(run.ExitCodes, code => Assert.Equal(0, code.Value));
        var report = run.RequiredReport;
        Assert.Equal(200, report.GetProperty("tasks").GetProperty("completed").GetInt32());
        var median = report.GetProperty("round_trip_median_us").GetDouble();
        Assert.True(median > 0);
        Assert.True(report.GetProperty("round_trip_p90_us").GetDouble() >= median);
        Assert.Single(report.GetProperty("per_worker").EnumerateObject()); // one worker, so one task in flight
    }
}
