using ActorPar.TestKit;
using Xunit;

namespace MyWorker.Tests;

/// <summary>Unit tests of MyWorker: one real worker actor, with the TestKit playing the coordinator (docs/testing.md).</summary>
public sealed class MyWorkerSpec() : WorkerTestKit<MyWorker, Text, Counted>(new ActorParTestConfig("MyWorker.conf"))
{
    [Fact]
    public async Task A_text_gives_its_word_count_and_longest_word()
    {
        var outcome = await Worker.RunAsync(new Text("the quick brown fox"));

        Assert.True(outcome.Succeeded);
        Assert.Equal(new Counted(4, "quick"), outcome.Result);
    }

    [Fact]
    public async Task A_text_with_no_words_fails_with_its_exception_and_the_worker_goes_on()
    {
        var outcomes = await Worker.RunAllAsync([new Text(" "), new Text("one more")]);

        Assert.Equal("ArgumentException", outcomes[0].ErrorType);
        Assert.Equal("there is no text to count", outcomes[0].ErrorMessage);
        Assert.Equal(new Counted(2, "more"), outcomes[1].Result);
    }
}
