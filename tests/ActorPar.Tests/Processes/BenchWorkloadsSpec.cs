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

        run.AssertEveryNodeExitedZero();
        var report = run.RequiredReport;
        Assert.Equal(3000, report.GetProperty("tasks").GetProperty("completed").GetInt32());
        Assert.Equal(0, report.GetProperty("tasks").GetProperty("duplicates_ignored").GetInt32());
        var figures = report.GetProperty("figures");
        Assert.Equal(1, figures.GetProperty("batch_max").GetInt32());
        Assert.Equal(3000L * 2999 / 2, figures.GetProperty("sum").GetInt64()); // 0 + 1 + ... + 2999, each once
        Assert.Contains(run.Lines, l => l == "3,000 results, sum as expected");
        // the rate is the completed tasks over the makespan (rounded to 0.1 ms, the rate to 0.1 task/s)
        var job = report.GetProperty("jobs").EnumerateArray().Single();
        var makespanMs = job.GetProperty("makespan_ms").GetDouble();
        Assert.InRange(job.GetProperty("tasks_per_second").GetDouble(), 3000 / ((makespanMs + 0.05) / 1000) - 0.05, 3000 / ((makespanMs - 0.05) / 1000) + 0.05);
    }

    [Fact]
    public async Task Ping_runs_one_task_at_a_time_and_times_each_gap_between_two_results()
    {
        var run = await WorkloadRun.RunAsync(["ping", "--count", "200"]);

        run.AssertEveryNodeExitedZero();
        var report = run.RequiredReport;
        Assert.Equal(200, report.GetProperty("tasks").GetProperty("completed").GetInt32());
        Assert.Equal(200, report.GetProperty("per_worker").EnumerateObject().Single().Value.GetInt32()); // one worker, so one task in flight
        var figures = report.GetProperty("figures");
        Assert.Equal(199, figures.GetProperty("round_trips").GetInt32()); // the gaps between 200 results
        var (median, p90, mean) = (figures.GetProperty("round_trip_median_us").GetDouble(), figures.GetProperty("round_trip_p90_us").GetDouble(),
            figures.GetProperty("round_trip_mean_us").GetDouble());
        Assert.True(median <= p90, $"median {median} µs above p90 {p90} µs");
        // the gaps run from the first result to the last, which is within the makespan (first task sent to last result in)
        var makespanMs = report.GetProperty("timings_ms").GetProperty("makespan").GetDouble();
        Assert.True(mean * 199 / 1000 <= makespanMs + 0.2, $"199 gaps of {mean} µs on average do not fit in a makespan of {makespanMs} ms");
    }
}
