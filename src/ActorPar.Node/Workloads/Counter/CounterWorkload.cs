using System.Diagnostics;
using ActorPar.Coordination;
using Akka.Actor;

namespace ActorPar.Node.Workloads.Counter;

/// <summary>
/// Seed 003's <c>Lock</c>: many workers add 1 to a shared total. Here the total belongs to
/// one actor, <see cref="SharedTotal"/>, on the coordinator node; workers on the worker
/// nodes send it one message per update, and it applies them one at a time, so the total is
/// exact with no lock. Then, in the coordinator's own process, the same updates run on as
/// many threads: with a <c>lock</c> (exact, every update waits its turn) and unsynchronized,
/// where updates are lost and counted. How many are lost depends on how the threads happen
/// to overlap, so the unsynchronized run is repeated (<c>--races</c>) to show that it varies.
/// </summary>
public sealed class CounterWorkload(int tasks, int updates, int window, int races, int workers) : Workload
{
    private IActorRef _total = ActorRefs.Nobody;
    private long _highestSeen;
    private Race? _race;

    public override string Name => "counter";

    public override string Point =>
        "A Lock, replaced by ownership: one actor owns the total and applies one message at a time, " +
        "so workers in other processes add to it with no lock and no lost update.";

    /// <summary>The shared total's actor, created on the coordinator node before the workers are deployed.</summary>
    public override Task PrepareAsync(ActorSystem system, CancellationToken cancellation)
    {
        _total = system.ActorOf(SharedTotal.Props(), "shared-total");
        return Task.CompletedTask;
    }

    /// <summary>The worker gets the total's IActorRef: a serializable constructor argument, as remote deployment requires.</summary>
    public override Props WorkerProps
    {
        get
        {
            var total = _total;
            return Props.Create(() => new CounterWorker(total));
        }
    }

    protected override IEnumerable<object?> Inputs => Enumerable.Range(0, tasks).Select(i => new CountTask(i, updates, window));
    protected override long? Count => tasks;

    public long Expected => (long)tasks * updates;

    /// <summary>The actor's final total: every task saw the total after its own updates, so the highest it saw includes them all.</summary>
    public long ActorTotal => _highestSeen;

    public override IEnumerable<string> Preamble =>
        [$"{tasks} tasks of {WorkloadOptions.Show(updates)} updates (+1 each) on {workers} workers: {WorkloadOptions.Show(Expected)} messages to one actor, " +
         $"acknowledged every {WorkloadOptions.Show(window)}"];

    public override void Record(WorkloadJob job, TaskResult result)
    {
        if (result.Result is CountTaskDone done) _highestSeen = Math.Max(_highestSeen, done.TotalSeen);
    }

    public override string? Line(WorkloadJob job, TaskResult result) => result.Result is CountTaskDone done
        ? $"task {done.TaskId}: {WorkloadOptions.Show(done.Updates)} updates from worker {result.Worker.Id}; the total was then {WorkloadOptions.Show(done.TotalSeen)}"
        : base.Line(job, result);

    public override IEnumerable<string> Summary(IReadOnlyList<JobRun> runs, RunTimings timings)
    {
        var race = RunRace();
        yield return $"actor-owned total: {WorkloadOptions.Show(ActorTotal)} of {WorkloadOptions.Show(Expected)} " +
                     (ActorTotal == Expected ? "(exact, no lock)" : "(WRONG)") + $" in {runs.Single().MakespanMs / 1000:0.00}s";
        yield return $"in one process, {tasks} threads, the same {WorkloadOptions.Show(Expected)} updates:";
        yield return $"  with a lock:    {WorkloadOptions.Show(race.Locked)} ({(race.Locked == Expected ? "exact" : "WRONG")}) in {race.LockedMs:0.0} ms";
        yield return $"  unsynchronized: {string.Join(", ", race.Unsynchronized.Select(WorkloadOptions.Show))} in {races} run(s): " +
                     $"{string.Join(", ", race.Lost.Select(WorkloadOptions.Show))} updates lost, in {race.UnsynchronizedMs:0.0} ms each on average";
    }

    public override bool Verify(IReadOnlyList<JobRun> runs) => ActorTotal == Expected && RunRace().Locked == Expected;

    public override IReadOnlyDictionary<string, object?> ReportFields(IReadOnlyList<JobRun> runs, RunTimings timings)
    {
        var race = RunRace();
        return new Dictionary<string, object?>
        {
            ["tasks"] = tasks,
            ["updates_per_task"] = updates,
            ["window"] = window,
            ["workers"] = workers,
            ["expected_total"] = Expected,
            ["actor_total"] = ActorTotal,
            ["actor_ms"] = runs.Count > 0 ? Math.Round(runs[0].MakespanMs, 1) : null,
            ["lock_total"] = race.Locked,
            ["lock_ms"] = Math.Round(race.LockedMs, 1),
            ["unsynchronized_totals"] = race.Unsynchronized,
            ["unsynchronized_ms"] = Math.Round(race.UnsynchronizedMs, 1),
            ["lost_updates"] = race.Lost,
        };
    }

    /// <summary>The in-process comparison, run once, after the actor job.</summary>
    private Race RunRace()
    {
        if (_race is not null) return _race;
        var clock = Stopwatch.StartNew();
        var locked = SharedCounterRace.Run(tasks, updates, locked: true);
        var lockedMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var unsynchronized = Enumerable.Range(0, races).Select(_ => SharedCounterRace.Run(tasks, updates, locked: false)).ToArray();
        return _race = new Race(locked, lockedMs, unsynchronized, clock.Elapsed.TotalMilliseconds / races, unsynchronized.Select(t => Expected - t).ToArray());
    }

    private sealed record Race(long Locked, double LockedMs, long[] Unsynchronized, double UnsynchronizedMs, long[] Lost);
}
