using ActorPar.TestKit;
using Xunit;

namespace Collatz.Tests;

/// <summary>Unit tests of CollatzWorker: one real worker actor, with the TestKit playing the coordinator.</summary>
public sealed class CollatzWorkerSpec() : WorkerTestKit<CollatzWorker, Start, Steps>(new ActorParTestConfig("collatz.conf"))
{
    [Fact]
    public async Task Twenty_seven_reaches_one_in_111_steps_and_peaks_at_9232()
    {
        var outcome = await Worker.RunAsync(new Start(27));

        Assert.True(outcome.Succeeded);
        Assert.Equal(new Steps(27, 111, 9232), outcome.Result);
        Assert.True(outcome.AskedForMore);
    }

    [Fact]
    public async Task A_start_below_one_fails_with_its_exception_and_the_worker_goes_on()
    {
        var outcomes = await Worker.RunAllAsync([new Start(0), new Start(6)]);

        Assert.True(outcomes[0].Failed);
        Assert.Equal("ArgumentOutOfRangeException", outcomes[0].ErrorType);
        Assert.StartsWith("a Collatz sequence starts at 1 or more, not 0", outcomes[0].ErrorMessage);
        Assert.True(outcomes[0].AskedForMore);
        Assert.Equal(new Steps(6, 8, 16), outcomes[1].Result);
    }
}
