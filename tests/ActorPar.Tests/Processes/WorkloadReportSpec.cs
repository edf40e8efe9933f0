using System.Text.Json;
using System.Text.RegularExpressions;
using ActorPar.Node.Workloads.Queue;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>
/// Every workload, run small on a real cluster, writes a report that a strict parser accepts
/// (no key named twice in one object), with the same standard keys and exact counts, and its
/// own results under one key of their own, <c>figures</c>.
/// </summary>
public sealed partial class WorkloadReportSpec : IDisposable
{
    private static readonly string[] TopLevelKeys =
        ["workload", "exit_code", "workers", "options", "tasks", "jobs", "per_node", "per_worker", "timings_ms", "nodes_lost", "nodes_joined", "failed_tasks", "figures"];

    private readonly string _folder = Directory.CreateTempSubdirectory("actorpar-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>What run-cluster.sh gives every node for the custom workload: the Collatz example's configuration and assembly.</summary>
    private static IReadOnlyList<string> CollatzOnEveryNode => ["--config", Examples.Source("Collatz", "collatz.conf"), "--worker-assembly", Examples.Output("Collatz", "Collatz.dll")];

    /// <summary>A workload's command line ({dir}: a fresh folder), the workers it deploys, its tasks, its jobs, its own options and its figures.</summary>
    public sealed record Case(string Workload, string[] Arguments, int Workers, int Tasks, string[] Jobs, string[] Options, string[] Figures)
    {
        public override string ToString() => Workload;
    }

    public static TheoryData<Case> Cases => new()
    {
        new("queue", ["--time-scale", "0.01", "--random-seed", "3"], 3, 26, ["queue"], [], ["work_ms"]),
        new("sleep", ["--tasks", "1,2", "--time-scale", "0.01"], 2, 2, ["parallel"], ["tasks", "serial"], ["ideal_ms"]),
        new("join", ["--processes", "2", "--seconds", "0.01"], 2, 2, ["join"], ["processes", "seconds"], []),
        new("csv", ["--rows", "100", "--reads", "2", "--data-dir", "{dir}"], 2, 2, ["at once"], ["rows", "reads", "data_dir", "file", "serial"],
            ["at_once", "generated", "total_rows", "rows_per_second", "files"]),
        new("primes", ["--below", "1000", "--chunks", "4", "--workers", "2"], 2, 8 + 4 + 4, ["warm-up", "one worker", "2 workers"], ["below", "chunks"],
            ["prime_count", "expected_count", "cores", "speed_up"]),
        new("counter", ["--tasks", "2", "--updates", "100", "--window", "50", "--races", "1"], 2, 2, ["counter"], ["tasks", "updates", "window", "races"],
            ["expected_total", "actor_total", "lock_total", "lock_ms", "unsynchronized_totals", "unsynchronized_ms", "lost_updates"]),
        new("map", ["--count", "100"], 3, 100, ["map"], ["count", "unordered", "print"], ["sum", "expected_sum", "wrong_results", "released_in_order", "most_waiting_for_order"]),
        new("chaos", ["--tasks", "5", "--min-ms", "1", "--max-ms", "5"], 3, 5, ["chaos"], ["tasks", "min_ms", "max_ms", "busy", "hang"], ["lost", "counted_twice"]),
        new("custom", ["--input", Examples.Source("Collatz", "numbers.jsonl"), "--output", "{dir}/results.jsonl"], 3, 20, ["custom"], ["input", "output", "unordered"],
            ["worker_type", "failed_lines"]),
        new("noop", ["--count", "100"], 2, 100, ["noop"], ["count"], ["batch_max", "sum", "expected_sum"]),
        new("ping", ["--count", "10"], 1, 10, ["ping"], ["count"], ["round_trips", "round_trip_median_us", "round_trip_p90_us", "round_trip_mean_us"]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_workload_reports_the_standard_keys_once_with_exact_counts_and_its_own_results_under_figures(Case run)
    {
        var arguments = run.Arguments.Select(a => a.Replace("{dir}", _folder)).ToArray();
        var outcome = await WorkloadRun.RunAsync([run.Workload, .. arguments], workerArguments: run.Workload == "custom" ? CollatzOnEveryNode : null);

        outcome.AssertEveryNodeExitedZero();
        var report = outcome.RequiredReport; // read strictly: a key named twice fails here
        Assert.Equal(TopLevelKeys, report.EnumerateObject().Select(p => p.Name));
        Assert.Equal(run.Workload, report.GetProperty("workload").GetString());
        Assert.Equal(0, report.GetProperty("exit_code").GetInt32());
        Assert.Equal(run.Workers, report.GetProperty("workers").GetInt32());
        Assert.Equal(["random_seed", "time_scale", .. run.Options], report.GetProperty("options").EnumerateObject().Select(p => p.Name));

        // every task completed once, and the counts agree wherever they appear
        var tasks = report.GetProperty("tasks");
        Assert.Equal([("submitted", run.Tasks), ("completed", run.Tasks), ("failed", 0), ("duplicates_ignored", 0), ("requeued", 0), ("retried", 0), ("handed_back", 0)],
            tasks.EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())));
        var jobs = report.GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(run.Jobs, jobs.Select(j => j.GetProperty("name").GetString()));
        Assert.Equal(run.Tasks, jobs.Sum(j => j.GetProperty("completed").GetInt32()));
        Assert.All(jobs, job =>
        {
            Assert.Equal(job.GetProperty("submitted").GetInt32(), job.GetProperty("completed").GetInt32());
            Assert.Equal(0, job.GetProperty("failed").GetInt32());
            Assert.Equal(0, job.GetProperty("unfinished").GetInt32());
            var line = $"{job.GetProperty("name").GetString()}: {job.GetProperty("completed").GetInt32()} of {job.GetProperty("submitted").GetInt32()} tasks completed, 0 failed, 0 unfinished; makespan ";
            Assert.Contains(outcome.Lines, l => l.StartsWith(line, StringComparison.Ordinal));
        });
        Assert.Equal(run.Tasks, report.GetProperty("per_node").EnumerateObject().Sum(n => n.Value.GetInt32()));
        Assert.Equal(run.Tasks, report.GetProperty("per_worker").EnumerateObject().Sum(n => n.Value.GetInt32()));
        Assert.Empty(report.GetProperty("nodes_lost").EnumerateArray());
        Assert.Empty(report.GetProperty("failed_tasks").EnumerateArray());
        // No node joins mid-job here: the two worker nodes were Up before the job, so none is listed as joined.
        Assert.Equal(2, outcome.WorkerLines.Count(l => JoinedLine().IsMatch(l)));
        Assert.Empty(report.GetProperty("nodes_joined").EnumerateArray());

        // the moments come in order, and the makespan and stop latency fit between them (each is rounded to 0.1 ms)
        var timings = report.GetProperty("timings_ms");
        Assert.Equal(["cluster_up", "first_dispatch", "last_result", "makespan", "stop_latency", "total"], timings.EnumerateObject().Select(p => p.Name));
        double Ms(string name) => timings.GetProperty(name).GetDouble();
        Assert.True(Ms("cluster_up") <= Ms("first_dispatch") && Ms("first_dispatch") <= Ms("last_result") && Ms("last_result") <= Ms("total"), timings.ToString());
        Assert.Equal(Ms("last_result") - Ms("first_dispatch"), Ms("makespan"), 0.15);
        Assert.InRange(Ms("stop_latency"), 0, Ms("total") - Ms("last_result") + 0.1);
        if (jobs.Count == 1) Assert.Equal(Ms("makespan"), jobs[0].GetProperty("makespan_ms").GetDouble(), 0.15);

        var figures = report.GetProperty("figures");
        Assert.Equal(run.Figures, figures.EnumerateObject().Select(p => p.Name));
        AssertFigures(run.Workload, figures);
    }

    /// <summary>The figures whose value is known before the run.</summary>
    private void AssertFigures(string workload, JsonElement figures)
    {
        long Long(string name) => figures.GetProperty(name).GetInt64();
        switch (workload)
        {
            case "queue":
                Assert.Equal(QueueWorkload.Generate(3, 0.01).Sum(t => t.Seconds) * 10, figures.GetProperty("work_ms").GetDouble(), 0.05);
                break;
            case "sleep":
                Assert.Equal(20, figures.GetProperty("ideal_ms").GetDouble()); // the longest task, 2 s x 0.01
                break;
            case "csv":
                Assert.Equal(2, Long("at_once"));
                Assert.Equal(2 * 99, Long("total_rows")); // 100 lines, the first a header
                Assert.Equal(Path.Combine(_folder, "seed-100-rows.csv"), figures.GetProperty("generated").GetString());
                break;
            case "primes":
                Assert.Equal(168, Long("prime_count")); // pi(1000)
                Assert.Equal(168, Long("expected_count"));
                break;
            case "counter":
                Assert.Equal([200, 200, 200], new[] { Long("expected_total"), Long("actor_total"), Long("lock_total") });
                var unsynchronized = figures.GetProperty("unsynchronized_totals").EnumerateArray().Select(t => t.GetInt64()).ToList();
                Assert.All(unsynchronized, total => Assert.True(total <= 200, $"{total} is more than the 200 updates made"));
                Assert.Equal(unsynchronized.Select(t => 200 - t), figures.GetProperty("lost_updates").EnumerateArray().Select(t => t.GetInt64()));
                break;
            case "map":
                Assert.Equal("328350", figures.GetProperty("sum").GetString()); // 99 x 100 x 199 / 6
                Assert.Equal("328350", figures.GetProperty("expected_sum").GetString());
                Assert.Equal(0, Long("wrong_results"));
                Assert.Equal(100, Long("released_in_order"));
                break;
            case "chaos":
                Assert.Equal(0, Long("lost"));
                Assert.Equal(0, Long("counted_twice"));
                break;
            case "custom":
                Assert.StartsWith("Collatz.CollatzWorker, Collatz, ", figures.GetProperty("worker_type").GetString());
                Assert.Empty(figures.GetProperty("failed_lines").EnumerateArray());
                break;
            case "noop":
                Assert.Equal(65536, Long("batch_max")); // hocon/common.conf's default chunk.max-size
                Assert.Equal(4950, Long("sum"));
                Assert.Equal(4950, Long("expected_sum"));
                break;
            case "ping":
                Assert.Equal(9, Long("round_trips")); // the gaps between 10 results
                break;
        }
    }

    [GeneratedRegex(@"worker node (?<node>actorpar@[\d.]+:\d+) joined ")]
    private static partial Regex JoinedLine();

    [Fact]
    public void The_strict_reader_refuses_a_key_named_twice_in_one_object_but_not_the_same_key_in_two_objects()
    {
        var error = Assert.Throws<JsonException>(() => StrictJson.Parse("""{"tasks": {"completed": 8}, "tasks": 8}"""));
        Assert.StartsWith("property \"tasks\" appears twice in one object", error.Message);
        Assert.Equal(8, StrictJson.Parse("""{"tasks": {"completed": 8}, "figures": {"tasks": 8}}""").GetProperty("figures").GetProperty("tasks").GetInt32());
    }
}
