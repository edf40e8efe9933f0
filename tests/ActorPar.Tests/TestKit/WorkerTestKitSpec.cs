using ActorPar.Hosting;
using ActorPar.TestKit;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.TestKit;

/// <summary>ActorPar.TestKit's unit level: a real worker actor, the protocol hidden, the worker's lifecycle as in production.</summary>
public sealed class WorkerTestKitSpec() : WorkerTestKit<PatientWorker, Errand, string>(new ActorParTestConfig
{
    Settings = new Dictionary<string, string> { ["actorpar.coordinator.task-timeout"] = "1s" },
})
{
    [Fact]
    public async Task An_input_comes_back_as_its_typed_result_with_the_worker_asking_for_more()
    {
        var outcome = await Worker.RunAsync(new Errand("milk"));

        Assert.Equal(new WorkerOutcome<Errand, string>(new Errand("milk"), "milk", null, outcome.Duration, AskedForMore: true, TimedOut: false), outcome);
        Assert.True(outcome.Succeeded);
        Assert.True(outcome.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_task_that_throws_gives_the_exceptions_type_and_message_and_the_same_worker_goes_on()
    {
        var outcomes = await Worker.RunAllAsync([new Errand("bread", "throw"), new Errand("eggs")]);

        Assert.Equal("InvalidOperationException: no errand called bread", outcomes[0].Error);
        Assert.Equal("InvalidOperationException", outcomes[0].ErrorType);
        Assert.Equal("no errand called bread", outcomes[0].ErrorMessage);
        Assert.True(outcomes[0].AskedForMore);
        Assert.Equal("eggs", await Worker.ResultOfAsync(new Errand("eggs")));
    }

    [Fact]
    public async Task A_task_silent_past_the_task_timeout_times_out_its_lifetime_is_cancelled_and_the_restarted_worker_goes_on()
    {
        var outcome = await Worker.RunAsync(new Errand("hung-1", "hang"));

        Assert.True(outcome.TimedOut);
        Assert.Equal("timed out after 1s", outcome.Error);
        Assert.Null(outcome.ErrorType);
        Assert.Equal("toast", await Worker.ResultOfAsync(new Errand("toast")));
        await PatientWorker.WhenCancelled("hung-1").WaitAsync(RemainingOrDefault);
    }

    [Fact]
    public async Task Stopping_the_worker_cancels_its_lifetime_token()
    {
        await Worker.RunAsync(new Errand("held-1", "hold"));
        Assert.False(PatientWorker.WhenCancelled("held-1").IsCompleted);

        await Worker.StopAsync();

        Assert.True(PatientWorker.WhenCancelled("held-1").IsCompleted); // PostStop cancels it before the worker is gone
    }

    [Fact]
    public async Task ResultOf_a_failed_task_fails_the_test_with_the_tasks_error()
    {
        var error = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => Worker.ResultOfAsync(new Errand("jam", "throw")));

        Assert.Equal("the task of input Errand { Key = jam, Behaviour = throw } failed: InvalidOperationException: no errand called jam", error.Message);
    }

    [Fact]
    public async Task A_worker_that_overrides_neither_process_method_is_refused_before_it_runs()
    {
        var worker = StartWorker<int, int>(Props.Create<IdleWorker>());

        var error = await Assert.ThrowsAsync<WorkerCheckException>(() => worker.RunAsync(1));

        Assert.Equal($"worker type {typeof(IdleWorker).FullName} overrides neither Process nor ProcessAsync, so it would fail every task", error.Message);
    }

    [Fact]
    public async Task A_constructor_argument_that_cannot_travel_to_a_worker_node_is_refused_before_it_runs()
    {
        Func<int> offset = () => 1;
        var fine = StartWorker<int, int>(Props.Create(() => new OffsetWorker(10)));
        var worker = StartWorker<int, int>(Props.Create<OffsetWorker>(offset));

        Assert.Equal(11, await fine.ResultOfAsync(1));
        var error = await Assert.ThrowsAsync<WorkerCheckException>(() => worker.RunAsync(1));
        Assert.StartsWith("constructor argument 1 of OffsetWorker", error.Message);
    }

    [Fact]
    public async Task An_input_the_serializer_cannot_write_is_refused_with_why()
    {
        var worker = StartWorker<Closure, int>(Props.Create<ClosureWorker>());

        var error = await Assert.ThrowsAsync<WorkerCheckException>(() => worker.RunAsync(new Closure(() => 1)));

        Assert.StartsWith("the input Closure { Code = System.Func`1[System.Int32] } cannot be sent to a worker node: ", error.Message);
    }

    [Fact]
    public void A_listed_type_with_no_public_constructor_fails_the_test_kit_with_the_line_a_node_prints()
    {
        var error = Assert.Throws<NodeStartException>(() => new SealedKit());

        Assert.StartsWith($"actorpar.serialization.types: type {typeof(Sealed).FullName} has no public constructor, so the receiving node cannot rebuild it", error.Message);
    }

    private sealed class SealedKit() : WorkerTestKit<SealedWorker, int, Sealed>;
}
