using ActorPar.Chunks;
using ActorPar.Coordination;
using Akka.Actor;
using Akka.TestKit;

namespace ActorPar.Tests.Support;

/// <summary>The outcome of one element, as a spec reads it from a worker's <see cref="ChunkDone"/>.</summary>
public sealed record TaskOutcome(long Id, object? Result, string? Error);

/// <summary>
/// Runs tasks through one real worker actor, with a test probe playing the coordinator:
/// the probe welcomes the worker, hands it one chunk, and returns the outcomes it reports.
/// </summary>
public static class WorkerTasks
{
    public static async Task<IReadOnlyList<TaskOutcome>> RunAsync(TestKitBase kit, Props worker, params object?[] inputs)
    {
        var coordinator = kit.CreateTestProbe();
        var actor = kit.Sys.ActorOf(worker);
        coordinator.Send(actor, new Welcome(0, 1));
        coordinator.Send(actor, Chunk(1, inputs));
        var done = (ChunkDone)await coordinator.FishForMessageAsync(m => m is ChunkDone, TimeSpan.FromSeconds(30));
        return Outcomes(done);
    }

    /// <summary>A chunk of <paramref name="inputs"/> at task ids 0, 1, ...: one typed array when they share a type.</summary>
    public static Chunk Chunk(long number, object?[] inputs, long firstId = 0)
    {
        var type = inputs.Select(i => i?.GetType()).Distinct().ToList() is [{ } only] ? only : typeof(object);
        var values = Array.CreateInstance(type, inputs.Length);
        Array.Copy(inputs, values, inputs.Length);
        return new Chunk(number, [new PositionRun(firstId, inputs.Length)], new ArrayItems(values));
    }

    /// <summary>One outcome per element the report covers, by task id.</summary>
    public static IReadOnlyList<TaskOutcome> Outcomes(ChunkDone done)
    {
        var failures = done.Failures.ToDictionary(f => f.Offset, f => f.Error);
        var first = done.Runs[0].First;
        return [.. Enumerable.Range(0, done.Done).Select(i => failures.TryGetValue(i, out var error)
            ? new TaskOutcome(first + i, null, error)
            : new TaskOutcome(first + i, done.Results.Get(i), null))];
    }

    /// <summary>The result of one task, which must not fail.</summary>
    public static async Task<T> ResultAsync<T>(TestKitBase kit, Props worker, object input)
    {
        var outcome = (await RunAsync(kit, worker, input)).Single();
        if (outcome.Error is not null) throw new Xunit.Sdk.XunitException($"the task failed: {outcome.Error}");
        return (T)outcome.Result!;
    }
}
