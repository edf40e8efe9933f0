using System.Text.Json;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>
/// A user's own worker (examples/Collatz, built as its own assembly) on a real cluster:
/// loaded on every node with --worker-assembly, named in its HOCON file, its own records
/// travelling between processes, and its results written as JSON Lines.
/// </summary>
public sealed class CustomWorkerDemoSpec : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actorpar-custom-").FullName;

    private static string Assembly => Examples.Output("Collatz", "Collatz.dll");

    /// <summary>What run-cluster.sh gives every node: the example's configuration and its assembly.</summary>
    private static IReadOnlyList<string> EveryNode => ["--config", Examples.Source("Collatz", "collatz.conf"), "--worker-assembly", Assembly];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The oracle: steps from n to 1 and the highest value on the way.</summary>
    private static (int Steps, long Peak) Collatz(long n)
    {
        var (steps, peak) = (0, n);
        for (; n != 1; steps++) peak = Math.Max(peak, n = n % 2 == 0 ? n / 2 : 3 * n + 1);
        return (steps, peak);
    }

    private static List<JsonElement> ReadLines(string path) =>
        File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public async Task The_example_worker_runs_on_the_worker_nodes_from_its_own_assembly_and_every_result_comes_back_in_input_order()
    {
        var input = Examples.Source("Collatz", "numbers.jsonl");
        var output = Path.Combine(_folder, "results.jsonl");

        var run = await WorkloadRun.RunAsync(["custom", "--input", input, "--output", output], workerArguments: EveryNode);

        run.AssertEveryNodeExitedZero();
        var starts = File.ReadLines(input).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("n").GetInt64()).ToList();
        var results = ReadLines(output);
        Assert.Equal(Enumerable.Range(0, starts.Count).Select(i => (long)i), results.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(Enumerable.Range(1, starts.Count), results.Select(r => r.GetProperty("line").GetInt32()));
        for (var i = 0; i < starts.Count; i++)
        {
            var result = results[i].GetProperty("result");
            var (steps, peak) = Collatz(starts[i]);
            Assert.Equal(starts[i], result.GetProperty("n").GetInt64());
            Assert.Equal(steps, result.GetProperty("count").GetInt32());
            Assert.Equal(peak, result.GetProperty("peak").GetInt64());
        }
        // the work was done on the worker nodes, not on the coordinator
        var coordinator = run.Lines.First(l => l.StartsWith("coordinator akka.tcp://", StringComparison.Ordinal)).Split(' ')[1];
        var nodes = run.RequiredReport.GetProperty("per_node").EnumerateObject().ToList();
        Assert.NotEmpty(nodes);
        Assert.DoesNotContain(nodes, n => n.Name == coordinator);
        Assert.Equal(starts.Count, nodes.Sum(n => n.Value.GetInt32()));
        Assert.Empty(run.RequiredReport.GetProperty("failed_tasks").EnumerateArray());
    }

    [Fact]
    public async Task Without_an_output_file_the_result_lines_are_printed_in_input_order()
    {
        var input = Path.Combine(_folder, "three.jsonl");
        File.WriteAllLines(input, ["{\"n\": 27}", "{\"n\": 1}", "{\"n\": 6}"]);

        var run = await WorkloadRun.RunAsync(["custom", "--input", input], workerArguments: EveryNode);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
        [
            "{\"id\":0,\"line\":1,\"result\":{\"n\":27,\"count\":111,\"peak\":9232}}",
            "{\"id\":1,\"line\":2,\"result\":{\"n\":1,\"count\":0,\"peak\":1}}",
            "{\"id\":2,\"line\":3,\"result\":{\"n\":6,\"count\":8,\"peak\":16}}",
        ], run.Lines.Where(l => l.StartsWith("{\"id\":", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_task_that_throws_and_a_malformed_line_fail_alone_with_their_reasons_while_the_rest_complete_and_the_exit_code_is_1()
    {
        var input = Path.Combine(_folder, "mixed.jsonl");
        File.WriteAllLines(input, ["{\"n\": 27}", "{\"n\": 0}", "not json", "", "{\"n\": 6}"]);
        var output = Path.Combine(_folder, "results.jsonl");

        var run = await WorkloadRun.RunAsync(["custom", "--input", input, "--output", output, "--unordered", "--max-attempts", "2"],
            workerArguments: EveryNode);

        Assert.Equal(1, run.ExitCode);
        Assert.All(run.ExitCodes.Where(c => c.Key != "coordinator"), code => Assert.Equal(0, code.Value));
        var byId = ReadLines(output).ToDictionary(r => r.GetProperty("id").GetInt64());
        Assert.Equal([0L, 1L, 2L, 3L], byId.Keys.Order());
        Assert.Equal(111, byId[0].GetProperty("result").GetProperty("count").GetInt32());
        Assert.Equal(8, byId[3].GetProperty("result").GetProperty("count").GetInt32());
        Assert.Equal(5, byId[3].GetProperty("line").GetInt32()); // the blank line is no task, but lines keep their numbers
        const string thrown = "ArgumentOutOfRangeException: a Collatz sequence starts at 1 or more, not 0 (Parameter 'start')";
        Assert.Equal(thrown, byId[1].GetProperty("error").GetString());
        Assert.StartsWith("line 3: not a Start in JSON:", byId[2].GetProperty("error").GetString());

        // the throwing task was tried max-attempts times: one retry, summed up in one line, then it failed for good
        Assert.Single(run.Lines, l => l.Contains("1 task(s) failed and will be tried again (at most 2 attempts each)") && l.Contains("latest: task 1 on worker"));
        Assert.Equal(1, run.RequiredReport.GetProperty("tasks").GetProperty("retried").GetInt32());
        Assert.Contains($"task 1 (line 2) failed: {thrown}", run.Lines);
        var report = run.RequiredReport;
        Assert.Equal(2, report.GetProperty("tasks").GetProperty("completed").GetInt32());
        Assert.Equal(2, report.GetProperty("tasks").GetProperty("failed").GetInt32());
        var failed = report.GetProperty("failed_tasks").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetInt64(), f => f.GetProperty("error").GetString());
        Assert.Equal(thrown, failed[1]);
        Assert.StartsWith("line 3:", failed[2]);
        Assert.Equal([2, 3], report.GetProperty("figures").GetProperty("failed_lines").EnumerateArray().Select(l => l.GetInt32()));
        Assert.Contains($"failed for good: line 2, 3 of {input}", run.Lines);
    }

    public static TheoryData<string[], string> BadWorkers => new()
    {
        { ["--worker-type", "Collatz.Missing, Collatz", "--worker-assembly", Assembly], "error: worker type 'Collatz.Missing, Collatz' not found: assembly Collatz has no type Collatz.Missing" },
        { ["--worker-type", "Collatz.Steps, Collatz", "--worker-assembly", Assembly], "error: Collatz.Steps is not a worker: derive it from ActorPar.Workers.Worker<TInput, TResult>" },
        { ["--worker-type", "Collatz.CollatzWorker, Collatz"], "error: worker type 'Collatz.CollatzWorker, Collatz' not found: assembly Collatz is not loaded; give its .dll with --worker-assembly PATH.dll" },
        { ["--worker-type", "Collatz.CollatzWorker, Collatz", "--worker-assembly", "/no/such/Collatz.dll"], "error: worker assembly not found: /no/such/Collatz.dll" },
        { ["--worker-type", "ActorPar.Workers.Worker`2, ActorPar"], "error: worker type ActorPar.Workers.Worker`2 cannot be constructed: it is abstract" },
    };

    [Theory]
    [MemberData(nameof(BadWorkers))]
    public async Task A_worker_type_that_is_missing_or_not_a_worker_or_cannot_be_constructed_is_one_line_and_exit_code_2(string[] worker, string error)
    {
        await using var coordinator = NodeProcess.Start("coordinator",
            ["coordinator", "custom", "--input", Examples.Source("Collatz", "numbers.jsonl"), .. worker]);

        Assert.Equal(2, await coordinator.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([error], coordinator.Lines);
    }

    [Fact]
    public async Task A_worker_node_told_of_a_worker_type_it_cannot_load_says_so_before_joining_and_exits_2()
    {
        await using var worker = NodeProcess.Start("worker-1", ["worker", "--seed", "127.0.0.1:1", "--worker-type", "Collatz.CollatzWorker, Collatz"]);

        Assert.Equal(2, await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(["error: worker type 'Collatz.CollatzWorker, Collatz' not found: assembly Collatz is not loaded; give its .dll with --worker-assembly PATH.dll"],
            worker.Lines);
    }

    [Fact]
    public async Task A_missing_input_file_is_one_line_and_exit_code_2()
    {
        var missing = Path.Combine(_folder, "missing.jsonl");
        await using var coordinator = NodeProcess.Start("coordinator", ["coordinator", "custom", "--input", missing, .. EveryNode]);

        Assert.Equal(2, await coordinator.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([$"error: input file not found: {missing}"], coordinator.Lines);
    }

    [Fact]
    public async Task Input_and_result_types_that_cannot_travel_are_refused_before_the_coordinator_binds_its_port()
    {
        await using var coordinator = NodeProcess.Start("coordinator",
            ["coordinator", "custom", "--input", Examples.Source("Collatz", "numbers.jsonl"), "--worker-type", "Collatz.CollatzWorker, Collatz", "--worker-assembly", Assembly]);

        Assert.Equal(2, await coordinator.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(["error: type Collatz.Start cannot cross the network (it is bound to no serializer): " +
                      "implement IActorParMessage or list \"Collatz.Start, Collatz\" in actorpar.serialization.types"], coordinator.Lines);
    }
}
