using ActorPar.Coordination;
using Akka.Actor;
using Akka.TestKit;

namespace ActorPar.Tests.Support;

/// <summary>
/// Runs tasks through one real worker actor, with a test probe playing the coordinator:
/// the probe welcomes the worker, hands it a batch, and returns the outcomes it reports.
/// </summary>
public static class WorkerTasks
{
    public static async Task<IReadOnlyList<TaskOutcome>> RunAsync(TestKitBase kit, Props worker, params object?[] inputs)
    {
        var coordinator = kit.CreateTestProbe();
        var actor = kit.Sys.ActorOf(worker);
        coordinator.Send(actor, new Welcome(0, 1));
        coordinator.Send(actor, new Batch(inputs.Select((input, i) => new TaskItem(i, input)).ToArray()));
        var outcomes = new List<TaskOutcome>();
        while (outcomes.Count < inputs.Length)
            outcomes.AddRange(((BatchDone)await coordinator.FishForMessageAsync(m => m is BatchDone, TimeSpan.FromSeconds(30))).Outcomes);
        return outcomes;
    }

    /// <summary>The result of one task, which must not fail.</summary>
    public static async Task<T> ResultAsync<T>(TestKitBase kit, Props worker, object input)
    {
        var outcome = (await RunAsync(kit, worker, input)).Single();
        if (outcome.Error is not null) throw new Xunit.Sdk.XunitException($"the task failed: {outcome.Error}");
        return (T)outcome.Result!;
    }
}
