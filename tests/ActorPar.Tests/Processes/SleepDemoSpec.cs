using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>Seed 000's long jobs on a real cluster: a coordinator and two worker node processes.</summary>
public sealed partial class SleepDemoSpec
{
    [Fact]
    public async Task Five_tasks_run_on_five_workers_and_each_reports_once_as_the_seed_prints_it()
    {
        var run = await WorkloadRun.RunAsync(["sleep", "--time-scale", "0.02"]);

        run.AssertEveryNodeExitedZero();
        var done = run.Lines.Select(l => Completed().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal([0, 1, 2, 3, 4], done.Select(m => int.Parse(m.Groups["id"].Value)).Order());
        Assert.Equal([5, 2, 4, 1, 5], done.OrderBy(m => int.Parse(m.Groups["id"].Value)).Select(m => int.Parse(m.Groups["seconds"].Value)));
        Assert.Contains(run.Lines, l => l.StartsWith("parallel: 5 of 5 tasks completed, 0 failed, 0 unfinished; makespan "));
        Assert.Contains(run.Lines, l => l == "ideal 0.10s (the longest task); one after another they take 0.34s (--serial)");

        var report = run.RequiredReport;
        Assert.False(report.GetProperty("options").GetProperty("serial").GetBoolean());
        Assert.Equal(5, report.GetProperty("workers").GetInt32()); // one per task, without --workers
        Assert.Equal(5, report.GetProperty("tasks").GetProperty("completed").GetInt32());
        Assert.Equal(100, report.GetProperty("figures").GetProperty("ideal_ms").GetDouble());
        // no task sleeps less than its time: the makespan is at least the longest task's 5 s x 0.02
        Assert.True(report.GetProperty("timings_ms").GetProperty("makespan").GetDouble() >= 100, report.GetProperty("timings_ms").ToString());
    }

    [Fact]
    public async Task With_serial_every_task_runs_on_one_worker_one_after_another()
    {
        var run = await WorkloadRun.RunAsync(["sleep", "--serial", "--tasks", "3,1,2", "--time-scale", "0.02"]);

        Assert.Equal(0, run.ExitCode);
        var report = run.RequiredReport;
        Assert.True(report.GetProperty("options").GetProperty("serial").GetBoolean());
        Assert.Equal(120, report.GetProperty("figures").GetProperty("ideal_ms").GetDouble()); // (3 + 1 + 2) s x 0.02
        // one after another, no task sleeping less than its time: the makespan is at least their sum
        Assert.True(report.GetProperty("timings_ms").GetProperty("makespan").GetDouble() >= 120, report.GetProperty("timings_ms").ToString());
        var perWorker = report.GetProperty("per_worker").EnumerateObject().ToList();
        Assert.Equal(3, perWorker.Single().Value.GetInt32());
        // one after another, so they finish in the order they were given
        Assert.Equal(["0", "1", "2"], run.Lines.Select(l => Completed().Match(l)).Where(m => m.Success).Select(m => m.Groups["id"].Value));
    }

    [GeneratedRegex(@"^Process id (?<id>\d+) - Complete - Task time: (?<seconds>\d+)s$")]
    private static partial Regex Completed();
}
