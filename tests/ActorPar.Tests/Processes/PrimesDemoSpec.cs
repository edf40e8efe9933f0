using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>CPU-bound prime counting on a real cluster: one worker, then all, in the same run.</summary>
public sealed class PrimesDemoSpec
{
    [Fact]
    public async Task Both_jobs_find_every_prime_below_the_limit_and_the_speed_up_is_reported()
    {
        var run = await WorkloadRun.RunAsync(["primes", "--below", "50000", "--chunks", "10", "--workers", "2"]);

        Assert.All(run.ExitCodes, code => Assert.Equal(0, code.Value));
        var report = run.RequiredReport;
        Assert.Equal(5_133, report.GetProperty("prime_count").GetInt64()); // pi(50,000)
        Assert.Equal(5_133, report.GetProperty("expected_count").GetInt64());
        Assert.Equal(8 + 20, report.GetProperty("tasks").GetProperty("completed").GetInt32()); // 4 warm-up chunks per worker, then 10 chunks twice
        Assert.True(report.GetProperty("one_worker_ms").GetDouble() > 0);
        Assert.True(report.GetProperty("all_workers_ms").GetDouble() > 0);
        Assert.True(report.GetProperty("speed_up").GetDouble() > 0);
        Assert.Contains(run.Lines, l => l.StartsWith("one worker: 5,133 primes") && l.EndsWith("(the sieve agrees)"));
        Assert.Contains(run.Lines, l => l.StartsWith("2 workers: 5,133 primes") && l.EndsWith("(the sieve agrees)"));
    }
}
