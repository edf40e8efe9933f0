using System.Text.Json;
using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ActorPar.Tests.Faults;

/// <summary>
/// scripts/chaos.sh on real processes: randomized trials that SIGKILL worker nodes at random
/// moments of a job of random task lengths, sometimes adding replacement nodes. Every trial
/// must end with nothing lost, nothing counted twice and no process left. The seed is
/// printed, so a failing run can be replayed with scripts/chaos.sh --seed.
/// </summary>
public sealed partial class ChaosSpec(ITestOutputHelper output)
{
    private const int Trials = 10;

    [Fact]
    public async Task Ten_random_trials_of_worker_nodes_killed_mid_job_lose_nothing_count_nothing_twice_and_leave_no_process()
    {
        // arrange
        var seed = Random.Shared.Next(1, 1_000_000_000);
        var results = Path.Combine(Path.GetTempPath(), $"actorpar-chaos-{Guid.NewGuid():N}.jsonl");
        output.WriteLine($"seed {seed} (replay: scripts/chaos.sh --trials {Trials} --seed {seed})");

        try
        {
            // act
            await using var chaos = NodeProcess.StartScript("chaos", "scripts/chaos.sh", ["--trials", Trials.ToString(), "--seed", seed.ToString(), "--results", results]);
            var code = await chaos.WaitForExitAsync(TimeSpan.FromMinutes(5));
            foreach (var line in chaos.Lines) output.WriteLine(line);

            // assert: the script passed every trial, and each trial's own figures say so
            Assert.Equal(0, code);
            var trials = File.ReadAllLines(results).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(Trials, trials.Count);
            foreach (var trial in trials)
            {
                var label = $"trial {trial.GetProperty("trial")} seed {trial.GetProperty("seed")}";
                Assert.True(trial.GetProperty("ok").GetBoolean(), $"{label}: {trial.GetProperty("problem").GetString()}");
                Assert.Equal(0, trial.GetProperty("coordinator_exit").GetInt32());
                Assert.Equal(trial.GetProperty("tasks").GetInt32(), trial.GetProperty("completed").GetInt32());
                Assert.Equal(0, trial.GetProperty("lost").GetInt32());
                Assert.Equal(0, trial.GetProperty("counted_twice").GetInt32());
                Assert.Equal(0, trial.GetProperty("left").GetInt32());
                Assert.True(trial.GetProperty("kills").GetInt32() >= 1, $"{label} killed no node");
            }
            // the kills hit nodes that held tasks: some tasks were taken back and run again
            Assert.True(trials.Sum(t => t.GetProperty("requeued").GetInt32()) > 0, "no kill hit a node in the middle of a task");

            // and no node process of the run is left, whatever the script counted
            var folder = Regex.Match(chaos.Output, @"folders under (?<folder>\S+)").Groups["folder"].Value;
            Assert.NotEmpty(folder);
            Assert.Empty(ProcessesMentioning(folder));
        }
        finally
        {
            File.Delete(results);
        }
    }

    private static List<int> ProcessesMentioning(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0, Folder: d))
            .Where(p => p.Pid > 0)
            .Where(p =>
            {
                try { return File.ReadAllText(Path.Combine(p.Folder, "cmdline")).Contains(text); }
                catch (IOException) { return false; }
                catch (UnauthorizedAccessException) { return false; }
            })
            .Select(p => p.Pid)
            .ToList();
}
