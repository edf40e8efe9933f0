using ActorPar.Node.Workloads.Csv;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>Seed 000's I/O-bound reads on a real cluster, with a small file.</summary>
public sealed class CsvDemoSpec : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actorpar-csv-demo-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_file_is_generated_once_and_read_three_times_at_once_to_its_last_row()
    {
        var run = await WorkloadRun.RunAsync(["csv", "--rows", "20000", "--data-dir", _folder]);

        run.AssertEveryNodeExitedZero();
        var path = SeedCsvFile.PathFor(_folder, 20_000);
        Assert.Equal(SeedCsvFile.SizeOf(20_000), new FileInfo(path).Length);
        Assert.Contains($"generated {path} (20,000 rows, 0.3 MB)", run.Output);

        var report = run.RequiredReport;
        var figures = report.GetProperty("figures");
        Assert.Equal(3, report.GetProperty("workers").GetInt32()); // one per read
        Assert.Equal(3, figures.GetProperty("at_once").GetInt32());
        Assert.Equal(path, figures.GetProperty("generated").GetString());
        var files = figures.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(3, files.Count);
        Assert.All(files, file =>
        {
            Assert.Equal(path, file.GetProperty("path").GetString());
            Assert.Equal(19_999, file.GetProperty("rows").GetInt64());
            Assert.Equal(SeedCsvFile.ValueSumOf(20_000), file.GetProperty("value_sum").GetInt64());
        });
        Assert.Equal(3 * 19_999, figures.GetProperty("total_rows").GetInt64());
        // the rate is the rows over the makespan (rounded to 0.1 ms, the rate to a row per second)
        var makespanMs = report.GetProperty("timings_ms").GetProperty("makespan").GetDouble();
        Assert.InRange(figures.GetProperty("rows_per_second").GetDouble(), 3 * 19_999 / ((makespanMs + 0.05) / 1000) - 0.5, 3 * 19_999 / ((makespanMs - 0.05) / 1000) + 0.5);
        Assert.Contains(run.Lines, l => l.StartsWith("3 of 3 file(s) read: 59,997 rows, "));
    }

    [Fact]
    public async Task A_missing_file_fails_its_task_with_its_path_while_the_others_are_read_and_the_exit_code_is_1()
    {
        var present = SeedCsvFile.PathFor(_folder, 100);
        await SeedCsvFile.EnsureAsync(present, 100, CancellationToken.None);
        var missing = Path.Combine(_folder, "missing.csv");

        var run = await WorkloadRun.RunAsync(["csv", "--file", present, "--file", missing, "--serial", "--max-attempts", "1"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Lines, l => l == $"task 1 failed: IOException: cannot read {missing}: no such file");
        var files = run.RequiredReport.GetProperty("figures").GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(99, files[0].GetProperty("rows").GetInt64());
        Assert.Equal(missing, files[1].GetProperty("path").GetString());
        Assert.Contains(missing, files[1].GetProperty("error").GetString());
        Assert.Equal(1, run.RequiredReport.GetProperty("tasks").GetProperty("failed").GetInt32());
        Assert.Contains(run.Lines, l => l.StartsWith("serial: 1 of 2 tasks completed, 1 failed, 0 unfinished; makespan "));
    }
}
