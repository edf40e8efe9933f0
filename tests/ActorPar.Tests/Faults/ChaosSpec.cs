using System.Text.Json;
using System.Text.RegularExpressions;
using ActorPar.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ActorPar.Tests.Faults;

/// <summary>
/// scripts/chaos.sh on real processes: randomized trials that SIGKILL worker nodes at random
/// moments of a job of random task lengths, sometimes adding replacement nodes. Every trial
/// must end with nothing lost, nothing counted twice and no process left. The seeds are
/// fixed, so a failure replays (scripts/chaos.sh --trials 1 --seed SEED --keep), and printed;
/// ACTORPAR_CHAOS_SEEDS=1,2,3 runs the trials of other seeds.
/// </summary>
public sealed partial class ChaosSpec(ITestOutputHelper output)
{
    public const string SeedsVariable = "ACTORPAR_CHAOS_SEEDS";

    /// <summary>
    /// Every kind of trial: one kill with no replacement (5003, 5004, 5007) or one (5000, 5009),
    /// two kills with one replacement (5001, 5002, 5005, 5006) or two (5008); 13 to 28 tasks.
    /// </summary>
    private static readonly int[] DefaultSeeds = [5000, 5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008, 5009];

    /// <summary>The seeds of this run: <see cref="SeedsVariable"/> when set, else <see cref="DefaultSeeds"/>.</summary>
    private static int[] Seeds(string? variable) =>
        string.IsNullOrWhiteSpace(variable) ? DefaultSeeds : variable.Split(',', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();

    [Fact]
    public async Task Trials_of_worker_nodes_killed_mid_job_from_fixed_seeds_lose_nothing_count_nothing_twice_and_leave_no_process()
    {
        // arrange
        var seeds = Seeds(Environment.GetEnvironmentVariable(SeedsVariable));
        var list = string.Join(",", seeds);
        var results = Path.Combine(Path.GetTempPath(), $"actorpar-chaos-{Guid.NewGuid():N}.jsonl");
        output.WriteLine($"seeds {list} (replay all: scripts/chaos.sh --seeds {list}; one: scripts/chaos.sh --trials 1 --seed SEED --keep; " +
                         $"others here: {SeedsVariable}=S1,S2,... ./test.sh --filter ChaosSpec)");

        try
        {
            // act
            await using var chaos = NodeProcess.StartScript("chaos", "scripts/chaos.sh", ["--seeds", list, "--results", results]);
            var code = await chaos.WaitForExitAsync(TimeSpan.FromSeconds(Math.Max(300, 40 * seeds.Length)));
            foreach (var line in chaos.Lines) output.WriteLine(line);

            // assert: the script passed every trial, and each trial's own figures say so
            Assert.Equal(0, code);
            var trials = File.ReadAllLines(results).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(seeds, trials.Select(t => t.GetProperty("seed").GetInt32()));
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
