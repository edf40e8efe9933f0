using ActorPar.Coordination;
using ActorPar.Messaging;
using ActorPar.TestKit.Internal;
using ActorPar.Workers;
using Akka.Actor;
using Akka.TestKit;

namespace ActorPar.TestKit;

/// <summary>
/// One real worker actor under test, in a TestKit actor system, with ActorPar.TestKit playing
/// the coordinator: each input is lent to it as a task, as on the cluster, and comes back as a
/// typed <see cref="WorkerOutcome{TInput,TResult}"/>. The worker runs as in production: under
/// the router's supervision, on the worker dispatcher, going on after a task that throws,
/// restarted when a task outlives <c>actorpar.coordinator.task-timeout</c>, and its
/// <c>Lifetime</c> token cancelled when it stops. Inputs are sent one at a time, in order, to
/// the same worker instance. It starts on first use; <see cref="StopAsync"/> stops it as the
/// end of a job does.
/// </summary>
public sealed class TestWorker<TInput, TResult>
{
    private readonly TestKitBase _kit;
    private readonly Props _props;
    private readonly Lazy<Task<CoordinatorStandIn>> _started;
    private readonly CoordinatorSettings _settings;
    private readonly TimeSpan _wait;

    internal TestWorker(TestKitBase kit, Props worker)
    {
        _kit = kit;
        _props = worker;
        _settings = CoordinatorSettings.From(kit.Sys.Settings.Config);
        _wait = TestKitHocon.ResultWait(kit.Sys.Settings.Config);
        _started = new Lazy<Task<CoordinatorStandIn>>(StartAsync);
    }

    /// <summary>The worker actor, once started (on first use).</summary>
    public async Task<IActorRef> ActorAsync() => (await _started.Value).Worker;

    /// <summary>Runs one input through the worker and returns what it came to.</summary>
    /// <exception cref="WorkerCheckException">the worker, or this input, would fail on a real cluster (see its message).</exception>
    /// <exception cref="TimeoutException">the worker reported nothing within <c>actorpar.testkit.result-wait</c> and no task timeout is set.</exception>
    public async Task<WorkerOutcome<TInput, TResult>> RunAsync(TInput input)
    {
        var coordinator = await _started.Value;
        if (WireTypes.Get(_kit.Sys).RoundTripProblem(input) is { } problem)
            throw new WorkerCheckException([$"the input {input} cannot be sent to a worker node: {problem}"]);
        var report = await coordinator.RunAsync(input, _settings.TaskTimeout, _kit.Dilated(_wait));
        if (report.Result is not null and not TResult)
            throw new WorkerCheckException([$"the worker returned a {report.Result.GetType().Name}, not a {typeof(TResult).Name}"]);
        return new WorkerOutcome<TInput, TResult>(input, report.Result is TResult result ? result : default, report.Error,
            report.Duration, report.AskedForMore, report.TimedOut);
    }

    /// <summary>Runs each input in turn through the same worker; the outcomes are in input order.</summary>
    public async Task<IReadOnlyList<WorkerOutcome<TInput, TResult>>> RunAllAsync(IEnumerable<TInput> inputs)
    {
        var outcomes = new List<WorkerOutcome<TInput, TResult>>();
        foreach (var input in inputs) outcomes.Add(await RunAsync(input));
        return outcomes;
    }

    /// <summary>The result of one input, for a test that expects success.</summary>
    /// <exception cref="Xunit.Sdk.XunitException">the task failed: the message is its error.</exception>
    public async Task<TResult> ResultOfAsync(TInput input)
    {
        var outcome = await RunAsync(input);
        if (outcome.Failed) throw new Xunit.Sdk.XunitException($"the task of input {input} failed: {outcome.Error}");
        return outcome.Result!;
    }

    /// <summary>
    /// Stops the worker as the coordinator's Stop broadcast does: it finishes its current task,
    /// stops, and its <c>Lifetime</c> token is cancelled. Returns once it has stopped.
    /// </summary>
    public async Task StopAsync() => await (await _started.Value).StopAsync(_kit.Dilated(_wait));

    /// <summary>What a node would refuse or lose, checked first: the deployment check the coordinator makes before a job.</summary>
    private async Task<CoordinatorStandIn> StartAsync()
    {
        if (DeploymentCheck.Problems(_kit.Sys, _props) is { Count: > 0 } problems) throw new WorkerCheckException(problems);
        return await CoordinatorStandIn.StartAsync(_kit, _props, _settings.Credit);
    }
}
