using ActorPar.Node.Workloads.Csv;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>Seed 000's generated CSV file: its content, its size, and when it is written again.</summary>
public sealed class SeedCsvFileSpec : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actorpar-csv-spec-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_file_has_one_line_per_row_as_the_seed_writes_it()
    {
        var path = SeedCsvFile.PathFor(_folder, 12);

        Assert.True(await SeedCsvFile.EnsureAsync(path, 12, CancellationToken.None));

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"line,data,{i}"), await File.ReadAllLinesAsync(path));
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(101)]
    [InlineData(12_345)]
    public async Task Its_size_is_known_before_it_is_written(long rows)
    {
        var path = SeedCsvFile.PathFor(_folder, rows);
        await SeedCsvFile.EnsureAsync(path, rows, CancellationToken.None);

        Assert.Equal(new FileInfo(path).Length, SeedCsvFile.SizeOf(rows));
    }

    [Fact]
    public void The_seed_file_of_ten_million_rows_is_178_888_890_bytes()
    {
        // 10 + 1 bytes of "line,data," and newline per row, plus 68,888,890 digits for 0..9,999,999
        Assert.Equal(178_888_890, SeedCsvFile.SizeOf(10_000_000));
    }

    [Fact]
    public async Task A_file_of_the_right_size_is_reused_and_one_of_the_wrong_size_is_written_again()
    {
        var path = SeedCsvFile.PathFor(_folder, 100);
        Assert.True(await SeedCsvFile.EnsureAsync(path, 100, CancellationToken.None));
        Assert.False(await SeedCsvFile.EnsureAsync(path, 100, CancellationToken.None));

        await File.WriteAllTextAsync(path, "line,data,0\n"); // cut short, as by a crash
        Assert.True(await SeedCsvFile.EnsureAsync(path, 100, CancellationToken.None));

        Assert.Equal(SeedCsvFile.SizeOf(100), new FileInfo(path).Length);
    }

    [Fact]
    public void A_reader_that_takes_the_first_line_as_the_header_finds_rows_minus_one_adding_up_to_their_indexes()
    {
        Assert.Equal(4, SeedCsvFile.DataRowsOf(5));
        Assert.Equal(1 + 2 + 3 + 4, SeedCsvFile.ValueSumOf(5));
        Assert.Equal(0, SeedCsvFile.DataRowsOf(1));
        Assert.Equal(0, SeedCsvFile.ValueSumOf(1));
    }
}
