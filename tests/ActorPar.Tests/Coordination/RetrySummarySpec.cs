using ActorPar.Coordination;
using Xunit;

namespace ActorPar.Tests.Coordination;

/// <summary>Retries are summed up in the log, one line for many, not one line per attempt.</summary>
public sealed class RetrySummarySpec
{
    [Fact]
    public void Retries_since_the_last_line_make_one_line_with_their_count_and_the_latest_error()
    {
        var retries = new RetrySummary();
        retries.Add(4, new WorkerInfo(1, "w1", "node"), "InvalidOperationException: first");
        retries.Add(9, new WorkerInfo(2, "w2", "node"), "InvalidOperationException: latest");

        var line = retries.Flush(maxAttempts: 3);

        Assert.StartsWith("2 task(s) failed and will be tried again (at most 3 attempts each)", line);
        Assert.EndsWith("latest: task 9 on worker 2: InvalidOperationException: latest", line);
        Assert.Null(retries.Flush(maxAttempts: 3));
    }
}
