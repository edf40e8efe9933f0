using ActorPar.Node.Workloads.Csv;
using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>The csv workload's worker: reads a file to its end with Sylvan.Data.Csv, on the blocking-I/O dispatcher.</summary>
public sealed class CsvWorkerSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local())
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actorpar-csv-worker-").FullName;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task It_counts_the_rows_after_the_header_and_adds_up_the_third_column_of_the_seed_file()
    {
        var path = SeedCsvFile.PathFor(_folder, 1_000);
        await SeedCsvFile.EnsureAsync(path, 1_000, CancellationToken.None);

        var read = await WorkerTasks.ResultAsync<CsvFileRead>(this, CsvWorker.Props(), new CsvRead(path));

        Assert.Equal(path, read.Path);
        Assert.Equal(999, read.Rows);
        Assert.Equal(499_500, read.ValueSum);
    }

    [Fact]
    public async Task A_missing_file_fails_its_task_with_its_path_and_the_next_file_is_still_read()
    {
        var missing = Path.Combine(_folder, "no-such.csv");
        var present = SeedCsvFile.PathFor(_folder, 10);
        await SeedCsvFile.EnsureAsync(present, 10, CancellationToken.None);

        var outcomes = await WorkerTasks.RunAsync(this, CsvWorker.Props(), new CsvRead(missing), new CsvRead(present));

        Assert.Equal($"IOException: cannot read {missing}: no such file", outcomes[0].Error);
        Assert.Equal(9, ((CsvFileRead)outcomes[1].Result!).Rows);
    }

    [Fact]
    public async Task A_folder_given_as_a_file_fails_its_task_with_its_path()
    {
        var outcome = (await WorkerTasks.RunAsync(this, CsvWorker.Props(), new CsvRead(_folder))).Single();

        Assert.StartsWith($"IOException: cannot read {_folder}: ", outcome.Error);
    }

    [Fact]
    public void It_runs_on_the_blocking_io_dispatcher_that_hocon_configures()
    {
        Assert.Equal(CsvWorker.Dispatcher, CsvWorker.Props().Dispatcher);
        Assert.True(Sys.Dispatchers.HasDispatcher(CsvWorker.Dispatcher), $"{CsvWorker.Dispatcher} is not in hocon/common.conf");
    }
}
