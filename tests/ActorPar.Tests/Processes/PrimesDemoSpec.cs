using ActorPar.Tests.Support;
using Xunit;

namespace ActorPar.Tests.Processes;

/// <summary>CPU-bound prime counting on a real cluster: one worker, then all, in the same run.</summary>
public sealed class PrimesDemoSpec
{
    [Fact]
    public async Task Both_jobs_find_every_prime_below_the_limit_and_the_speed_up_is_the_ratio_of_their_makespans()
    {
        var run = await WorkloadRun.RunAsync(["primes", "--below", "50000", "--chunks", "10", "--workers", "2"]);

        run.AssertEveryNodeExitedZero();
        var report = run.RequiredReport;
        var figures = report.GetProperty("figures");
        Assert.Equal(5_133, figures.GetProperty("prime_count").GetInt64()); // pi(50,000)
        Assert.Equal(5_133, figures.GetProperty("expected_count").GetInt64());
        Assert.Equal(8 + 20, report.GetProperty("tasks").GetProperty("completed").GetInt32()); // 4 warm-up chunks per worker, then 10 chunks twice

        // three jobs: the warm-up, then the same 10 chunks on one worker and on both
        var jobs = report.GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(["warm-up", "one worker", "2 workers"], jobs.Select(j => j.GetProperty("name").GetString()!));
        Assert.Equal([8, 10, 10], jobs.Select(j => j.GetProperty("completed").GetInt32()));
        var (one, both) = (jobs[1].GetProperty("makespan_ms").GetDouble(), jobs[2].GetProperty("makespan_ms").GetDouble());
        // the speed-up is one makespan over the other, which the report rounds to 0.1 ms (and the speed-up to 0.001)
        Assert.InRange(figures.GetProperty("speed_up").GetDouble(), (one - 0.05) / (both + 0.05) - 0.0005, (one + 0.05) / (both - 0.05) + 0.0005);
        Assert.Contains(run.Lines, l => l == "one worker: 5,133 primes (the sieve agrees)");
        Assert.Contains(run.Lines, l => l == "2 workers: 5,133 primes (the sieve agrees)");
        Assert.Contains(run.Lines, l => l.StartsWith("one worker: 10 of 10 tasks completed, 0 failed, 0 unfinished; makespan "));
    }
}
