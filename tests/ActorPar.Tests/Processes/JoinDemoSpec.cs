using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>Seed 003's start/join on a real cluster: "Program finished" can only come last.</summary>
public sealed partial class JoinDemoSpec
{
    [Fact]
    public async Task Program_finished_is_printed_only_after_every_task_has_finished_sleeping_in_a_worker_node_process()
    {
        var run = await WorkloadRun.RunAsync(["join", "--processes", "4", "--seconds", "0.05"]);

        run.AssertEveryNodeExitedZero();
        var finished = run.Lines.Select((line, at) => (Match: FinishedSleeping().Match(line), At: at)).Where(f => f.Match.Success).ToList();
        var programFinished = run.Lines.ToList().FindIndex(l => ProgramFinished().IsMatch(l));
        Assert.Equal(4, finished.Count);
        Assert.True(programFinished > finished.Max(f => f.At), $"'Program finished' came before a task finished:\n{run.Output}");

        // every task slept in a worker node's process, which said so, as the seed's children do
        var sleptIn = finished.Select(f => int.Parse(f.Match.Groups["pid"].Value)).ToHashSet();
        Assert.Subset(run.WorkerPids.ToHashSet(), sleptIn);
        Assert.Equal(4, run.WorkerLines.Count(l => SleepingFor().IsMatch(l)));
        Assert.Equal(4, run.RequiredReport.GetProperty("options").GetProperty("processes").GetInt32());
        Assert.Equal(4, run.RequiredReport.GetProperty("workers").GetInt32()); // one per process, as the seed starts them
        // the seconds it prints are the job's makespan, and no task sleeps less than its 0.05 s
        var seconds = double.Parse(ProgramFinished().Match(run.Lines[programFinished]).Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(run.RequiredReport.GetProperty("timings_ms").GetProperty("makespan").GetDouble() / 1000, seconds, 0.0006);
        Assert.True(seconds >= 0.05, $"Program finished in {seconds} seconds, before a 0.05 s sleep could end");
    }

    [GeneratedRegex(@"^process (?<pid>\d+) Finished sleeping \(task \d+, worker \d+\)$")]
    private static partial Regex FinishedSleeping();

    [GeneratedRegex(@"^Program finished in (?<seconds>\d+\.\d{3}) seconds$")]
    private static partial Regex ProgramFinished();

    [GeneratedRegex(@"process \d+: Sleeping for 0\.05 seconds")]
    private static partial Regex SleepingFor();
}
