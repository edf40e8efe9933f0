using ActorPar.Chunks;
using ActorPar.Coordination;
using ActorPar.Tests.Support;
using Akka.Actor;
using Akka.TestKit;
using Xunit;

namespace ActorPar.Tests.Coordination;

/// <summary>
/// The coordinator's side of the protocol, state by state, with test probes playing the
/// workers behind a <see cref="ProbeRouter"/>, and membership sent as <see cref="NodeEvent"/>s.
/// </summary>
public sealed class CoordinatorSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly CoordinatorSettings Defaults = TestConfigs.Coordinator("""
        actorpar.coordinator {
          workers = 2
          ready-timeout = 10s
          stop-timeout = 5s
          chunk.max-size = 1
        }
        """);

    private readonly TestProbe _listener;

    public CoordinatorSpec() : base(TestConfigs.Local())
    {
        _listener = CreateTestProbe("listener");
    }

    private sealed record Fixture(IActorRef Coordinator, TestProbe[] Workers);

    private Fixture Start(int workers = 2, CoordinatorSettings? settings = null)
    {
        var probes = Enumerable.Range(0, workers).Select(i => CreateTestProbe($"worker-{i}")).ToArray();
        var coordinator = Sys.ActorOf(Coordinator.Props(settings ?? Defaults, ProbeRouter.Props(probes.Select(p => p.Ref))), "coordinator");
        return new Fixture(coordinator, probes);
    }

    private static async Task<Chunk> ExpectChunkAsync(TestProbe worker) =>
        (Chunk)await worker.FishForMessageAsync(m => m is Chunk, TimeSpan.FromSeconds(5));

    /// <summary>The task ids of a chunk's elements.</summary>
    private static long[] Ids(Chunk chunk) => [.. chunk.Runs.SelectMany(r => Enumerable.Range(0, r.Count).Select(i => r.First + i))];

    private void Submit(IActorRef coordinator, int count, string name = "spec") =>
        coordinator.Tell(new SubmitJob(name, JobInputs.From(Enumerable.Range(0, count).ToArray()), _listener.Ref));

    private async Task<JobSummary> ExpectCompletedAsync(TimeSpan? within = null) =>
        ((JobCompleted)await _listener.FishForMessageAsync(m => m is JobCompleted, within ?? TimeSpan.FromSeconds(5))).Summary;

    private static ChunkDone Done(Chunk chunk, int requestMore = 1) =>
        new(chunk.Number, chunk.Runs, chunk.Count, chunk.Inputs, [], 1, requestMore);

    /// <summary>Every message <paramref name="probe"/> gets within <paramref name="window"/>.</summary>
    private static async Task<List<object>> ReceivedWithinAsync(TestProbe probe, TimeSpan window)
    {
        var received = new List<object>();
        await foreach (var message in probe.ReceiveWhileAsync<object>(window, m => m)) received.Add(message);
        return received;
    }

    // ---- waiting for workers --------------------------------------------------------

    [Fact]
    public async Task While_the_router_has_fewer_workers_than_it_needs_the_coordinator_welcomes_them_and_lends_nothing()
    {
        var (coordinator, workers) = Start(workers: 2, Defaults with { Workers = 3, WorkersToStart = 3, ReadyTimeout = TimeSpan.FromSeconds(1) });

        Submit(coordinator, 4);
        coordinator.Tell(NotifyWhenReady.Instance, TestActor);

        var notReady = await ExpectMsgAsync<CoordinatorNotReady>(TimeSpan.FromSeconds(5));
        Assert.Equal("only 2 of 3 workers were deployed within 1s: start more worker nodes or raise actorpar.coordinator.workers-per-node", notReady.Reason);
        foreach (var worker in workers)
            Assert.All(await ReceivedWithinAsync(worker, TimeSpan.FromMilliseconds(200)), m => Assert.IsType<Welcome>(m));
    }

    [Fact]
    public async Task A_job_submitted_before_the_workers_are_deployed_starts_once_they_are()
    {
        var (coordinator, workers) = Start();

        Submit(coordinator, 1);

        await workers[0].FishForMessageAsync(m => m is WorkAvailable);
        workers[0].Send(coordinator, new RequestWork(1));
        var chunk = await ExpectChunkAsync(workers[0]);
        workers[0].Send(coordinator, Done(chunk));
        Assert.Equal(1, (await ExpectCompletedAsync()).Completed);
    }

    [Fact]
    public async Task Each_worker_is_welcomed_once_with_its_own_id_and_its_credit()
    {
        var (coordinator, workers) = Start(settings: Defaults with { Credit = 4 });
        coordinator.Tell(NotifyWhenReady.Instance, TestActor);
        Assert.Equal(2, (await ExpectMsgAsync<CoordinatorReady>()).Workers);

        var welcomes = new List<Welcome>();
        foreach (var worker in workers) welcomes.Add(await worker.ExpectMsgAsync<Welcome>());
        workers[0].Send(coordinator, new RequestWork(1)); // a worker already known is not welcomed again

        Assert.Equal([0, 1], welcomes.Select(w => w.WorkerId).Order());
        Assert.All(welcomes, w => Assert.Equal(4, w.Credit));
        await workers[0].ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    // ---- running a job ------------------------------------------------------------

    [Fact]
    public async Task When_a_job_starts_every_worker_is_told_that_work_is_available()
    {
        var (coordinator, workers) = Start();
        coordinator.Tell(NotifyWhenReady.Instance, TestActor);
        await ExpectMsgAsync<CoordinatorReady>();

        Submit(coordinator, 2);

        foreach (var worker in workers) await worker.FishForMessageAsync(m => m is WorkAvailable);
    }

    [Fact]
    public async Task Only_a_worker_that_asks_gets_a_task_and_a_busy_worker_is_never_pushed_to()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 3);
        await workers[0].FishForMessageAsync(m => m is WorkAvailable);
        await workers[1].FishForMessageAsync(m => m is WorkAvailable);

        workers[0].Send(coordinator, new RequestWork(1));

        var chunk = await ExpectChunkAsync(workers[0]);
        Assert.Equal([0L], Ids(chunk));
        await workers[0].ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        await workers[1].ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        workers[0].Send(coordinator, Done(chunk));

        var nextChunk = Ids(await ExpectChunkAsync(workers[0]));
        Assert.Equal([1L], nextChunk);
    }

    [Fact]
    public async Task Credit_bounds_how_many_chunks_a_worker_holds()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 10);

        workers[0].Send(coordinator, new RequestWork(2));

        await ExpectChunkAsync(workers[0]);
        await ExpectChunkAsync(workers[0]);
        Assert.DoesNotContain(await ReceivedWithinAsync(workers[0], TimeSpan.FromMilliseconds(300)), m => m is Chunk);
    }

    [Fact]
    public async Task Each_result_is_recorded_once_and_a_late_duplicate_is_counted_and_ignored()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 1);
        workers[0].Send(coordinator, new RequestWork(1));
        var chunk = await ExpectChunkAsync(workers[0]);
        var task = Ids(chunk)[0];

        var done = new ChunkDone(chunk.Number, chunk.Runs, 1, ChunkItems.Of(new[] { 42 }), [], 1, 0);
        workers[0].Send(coordinator, done);
        workers[1].Send(coordinator, done);

        var results = (await _listener.ExpectMsgAsync<ResultsReady>()).Tasks();
        Assert.Equal(42, Assert.Single(results).Result);
        var summary = await ExpectCompletedAsync();
        Assert.Equal(1, summary.Completed);
        await _listener.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Submit(coordinator, 1, "next");
        workers[1].Send(coordinator, done); // the old id again, now during another job
        workers[0].Send(coordinator, new RequestWork(1, LastBatch: chunk.Number));
        var next = Ids(await ExpectChunkAsync(workers[0]))[0];
        Assert.NotEqual(task, next);
    }

    [Fact]
    public async Task Jobs_run_one_at_a_time_in_the_order_they_were_submitted_with_ids_that_never_repeat()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 1, "first");
        Submit(coordinator, 1, "second");
        var ids = new List<long>();

        foreach (var name in new[] { "first", "second" })
        {
            workers[0].Send(coordinator, new RequestWork(1, LastBatch: ids.Count));
            var chunk = await ExpectChunkAsync(workers[0]);
            ids.Add(Ids(chunk)[0]);
            workers[0].Send(coordinator, Done(chunk, requestMore: 0));
            Assert.Equal(name, (await ExpectCompletedAsync()).Name);
        }

        Assert.Equal([0L, 1L], ids);
    }

    [Fact]
    public async Task Tiny_tasks_are_chunked_once_their_time_is_known()
    {
        var (coordinator, workers) = Start(settings: Defaults with { MaxChunkSize = 100, ChunkTarget = TimeSpan.FromMilliseconds(10) });
        Submit(coordinator, 1000);
        workers[0].Send(coordinator, new RequestWork(1));
        var first = await ExpectChunkAsync(workers[0]);
        Assert.Equal(1, first.Count);

        workers[0].Send(coordinator, new ChunkDone(first.Number, first.Runs, 1, ChunkItems.Of(new[] { 0 }), [], ElapsedMs: 0.01, RequestMore: 1));
        var second = await ExpectChunkAsync(workers[0]);
        Assert.Equal(16, second.Count); // at most 16 times the largest chunk measured
        workers[0].Send(coordinator, new ChunkDone(second.Number, second.Runs, 16, second.Inputs, [], ElapsedMs: 0.16, RequestMore: 1));

        Assert.Equal(100, (await ExpectChunkAsync(workers[0])).Count);
    }

    [Fact]
    public async Task In_push_mode_every_task_is_sent_at_once_round_robin_without_being_asked()
    {
        var (coordinator, workers) = Start(settings: Defaults with { Dispatch = DispatchMode.Push });
        coordinator.Tell(NotifyWhenReady.Instance, TestActor);
        await ExpectMsgAsync<CoordinatorReady>();

        Submit(coordinator, 4);

        long[] first = [Ids(await ExpectChunkAsync(workers[0]))[0], Ids(await ExpectChunkAsync(workers[0]))[0]];
        long[] second = [Ids(await ExpectChunkAsync(workers[1]))[0], Ids(await ExpectChunkAsync(workers[1]))[0]];
        Assert.Equal([0L, 2L], first.Order());
        Assert.Equal([1L, 3L], second.Order());
    }

    // ---- faults -------------------------------------------------------------------

    [Fact]
    public async Task The_tasks_of_a_worker_that_terminates_go_back_to_the_front_of_the_queue()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 3);
        workers[0].Send(coordinator, new RequestWork(1));
        var lost = Ids(await ExpectChunkAsync(workers[0]))[0];

        await EventFilter.Warning(contains: "put back").ExpectOneAsync(() => workers[0].Ref.GracefulStop(TimeSpan.FromSeconds(3)));
        workers[1].Send(coordinator, new RequestWork(1));

        var retried = await ExpectChunkAsync(workers[1]);
        Assert.Equal(lost, Ids(retried)[0]);
        workers[1].Send(coordinator, Done(retried));
        workers[1].Send(coordinator, Done(await ExpectChunkAsync(workers[1])));
        workers[1].Send(coordinator, Done(await ExpectChunkAsync(workers[1])));
        var summary = await ExpectCompletedAsync();
        Assert.Equal(3, summary.Completed);
        Assert.Equal(1, summary.Requeued);
    }

    [Fact]
    public async Task The_tasks_of_an_unreachable_worker_node_go_back_at_once_and_its_late_results_still_count_once()
    {
        var (coordinator, workers) = Start(workers: 1, Defaults with { Workers = 1, WorkersToStart = 1 });
        var other = CreateTestProbe("other-node-worker");
        Submit(coordinator, 2);
        workers[0].Send(coordinator, new RequestWork(1));
        var held = await ExpectChunkAsync(workers[0]);
        var node = workers[0].Ref.Path.Address;

        coordinator.Tell(new NodeEvent(node, NodeChange.Unreachable, HostsWorkers: true, "Up"));
        other.Send(coordinator, new RequestWork(2)); // a worker of another node asks, and is enlisted

        var retried = await ExpectChunkAsync(other);
        Assert.Equal(Ids(held)[0], Ids(retried)[0]);
        workers[0].Send(coordinator, Done(held, requestMore: 0)); // the node was only slow: its result comes in first
        other.Send(coordinator, Done(retried, requestMore: 0));
        other.Send(coordinator, Done(await ExpectChunkAsync(other), requestMore: 0));
        var summary = await ExpectCompletedAsync();
        Assert.Equal(2, summary.Completed);
        Assert.Equal(1, summary.DuplicatesIgnored);
        Assert.Equal(node.ToString(), Assert.Single(summary.NodesLost).Node);
    }

    [Fact]
    public async Task Tasks_handed_back_unstarted_are_lent_again_first()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 4);
        workers[0].Send(coordinator, new RequestWork(2));
        var firstChunk = await ExpectChunkAsync(workers[0]);
        var secondChunk = await ExpectChunkAsync(workers[0]);
        var (first, second) = (Ids(firstChunk)[0], Ids(secondChunk)[0]);

        workers[0].Send(coordinator, new ChunkReturned(firstChunk.Number, firstChunk.Runs));
        workers[0].Send(coordinator, new ChunkReturned(secondChunk.Number, secondChunk.Runs));
        workers[1].Send(coordinator, new RequestWork(2));

        Assert.Equal(first, Ids(await ExpectChunkAsync(workers[1]))[0]);
        Assert.Equal(second, Ids(await ExpectChunkAsync(workers[1]))[0]);
    }

    [Fact]
    public async Task A_chunk_whose_outcome_was_lost_is_put_back_when_a_later_chunk_reports()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 3);
        workers[0].Send(coordinator, new RequestWork(2));
        var first = await ExpectChunkAsync(workers[0]);
        var second = await ExpectChunkAsync(workers[0]);

        // the outcome of the first chunk never arrives; the second one's does
        workers[0].Send(coordinator, Done(second, requestMore: 0));
        workers[1].Send(coordinator, new RequestWork(1));

        Assert.Equal(Ids(first)[0], Ids(await ExpectChunkAsync(workers[1]))[0]);
    }

    [Fact]
    public async Task A_chunk_that_never_reached_its_worker_is_put_back_when_the_worker_asks_again()
    {
        var (coordinator, workers) = Start(settings: Defaults with { LostAfter = TimeSpan.FromMilliseconds(200) });
        Submit(coordinator, 2);
        workers[0].Send(coordinator, new RequestWork(1));
        var lost = Ids(await ExpectChunkAsync(workers[0]))[0]; // pretend it was dropped on the way

        // the worker, still empty-handed, asks again saying it has seen no chunk at all
        await AwaitAssertAsync(async () =>
        {
            workers[0].Send(coordinator, new RequestWork(1, LastBatch: 0, Holding: 0));
            var again = (Chunk)await workers[0].FishForMessageAsync(m => m is Chunk, TimeSpan.FromMilliseconds(300));
            Assert.Equal(lost, Ids(again)[0]);
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_worker_that_asks_again_while_a_chunk_is_on_its_way_is_not_sent_more_than_its_credit()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 5);
        workers[0].Send(coordinator, new RequestWork(1));
        await ExpectChunkAsync(workers[0]);

        workers[0].Send(coordinator, new RequestWork(1, LastBatch: 0, Holding: 0));

        Assert.DoesNotContain(await ReceivedWithinAsync(workers[0], TimeSpan.FromMilliseconds(300)), m => m is Chunk);
    }

    [Fact]
    public async Task A_job_whose_workers_are_all_gone_is_given_up_after_the_ready_timeout_instead_of_waiting_forever()
    {
        var (coordinator, workers) = Start(workers: 1, Defaults with { Workers = 1, WorkersToStart = 1, ReadyTimeout = TimeSpan.FromSeconds(1) });
        Submit(coordinator, 3);
        workers[0].Send(coordinator, new RequestWork(1));
        await ExpectChunkAsync(workers[0]);

        Sys.Stop(workers[0].Ref);

        var summary = await ExpectCompletedAsync(TimeSpan.FromSeconds(10));
        Assert.True(summary.Interrupted);
        Assert.Equal([new IndexRange(0, 2)], summary.Unfinished);
    }

    [Fact]
    public async Task A_worker_silent_on_a_task_for_the_task_timeout_is_restarted_and_the_task_is_lent_again()
    {
        var (coordinator, workers) = Start(settings: Defaults with { TaskTimeout = TimeSpan.FromMilliseconds(400) });
        Submit(coordinator, 1);
        workers[0].Send(coordinator, new RequestWork(1));
        var hung = Ids(await ExpectChunkAsync(workers[0]))[0];

        // worker 0 says nothing: after the timeout the coordinator restarts it (a Kill) and puts the task back
        await EventFilter.Warning(contains: $"on task {hung}: restarting it").ExpectOneAsync(TimeSpan.FromSeconds(5), () => Task.CompletedTask);
        workers[1].Send(coordinator, new RequestWork(1));
        var retried = await ExpectChunkAsync(workers[1]);
        Assert.Equal(hung, Ids(retried)[0]);
        workers[1].Send(coordinator, Done(retried));

        var summary = await ExpectCompletedAsync();
        Assert.Equal(1, summary.Completed);
        Assert.Equal(1, summary.Retried); // alone in its chunk, the element it hung on counts a failed attempt
        Assert.False(summary.Interrupted);
    }

    // ---- stopping -----------------------------------------------------------------

    [Fact]
    public async Task Stop_is_broadcast_to_every_worker_and_the_router_stops_when_they_have_all_stopped()
    {
        var (coordinator, workers) = Start();
        coordinator.Tell(NotifyWhenReady.Instance, TestActor);
        await ExpectMsgAsync<CoordinatorReady>();
        var router = await Sys.ActorSelection(coordinator.Path / "workers").ResolveOne(TimeSpan.FromSeconds(3));
        Watch(router);

        coordinator.Tell(StopWorkers.Instance, TestActor);

        foreach (var worker in workers)
        {
            await worker.FishForMessageAsync(m => m is Stop);
            Sys.Stop(worker.Ref);
        }
        var stopped = await ExpectMsgAsync<WorkersStopped>();
        Assert.Equal(2, stopped.Workers);
        Assert.False(stopped.TimedOut);
        await ExpectTerminatedAsync(router);
    }

    [Fact]
    public async Task A_stop_during_a_job_ends_it_as_interrupted_and_names_the_unfinished_tasks()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 3);
        workers[0].Send(coordinator, new RequestWork(1));
        var chunk = await ExpectChunkAsync(workers[0]);

        coordinator.Tell(StopWorkers.Instance, TestActor);
        workers[0].Send(coordinator, Done(chunk, requestMore: 0)); // finishes its current task
        foreach (var worker in workers) Sys.Stop(worker.Ref);

        await ExpectMsgAsync<WorkersStopped>();
        var summary = await ExpectCompletedAsync();
        Assert.True(summary.Interrupted);
        Assert.Equal(1, summary.Completed);
        Assert.Equal([new IndexRange(1, 2)], summary.Unfinished);
    }

    [Fact]
    public async Task A_job_submitted_after_the_workers_stopped_ends_at_once_with_every_task_unfinished()
    {
        var (coordinator, workers) = Start();
        coordinator.Tell(NotifyWhenReady.Instance, TestActor);
        await ExpectMsgAsync<CoordinatorReady>();
        coordinator.Tell(StopWorkers.Instance, TestActor);
        foreach (var worker in workers) Sys.Stop(worker.Ref);
        await ExpectMsgAsync<WorkersStopped>();

        Submit(coordinator, 2);

        var summary = await ExpectCompletedAsync();
        Assert.True(summary.Interrupted);
        Assert.Equal([new IndexRange(0, 1)], summary.Unfinished);
        coordinator.Tell(StopWorkers.Instance, TestActor); // asking again gets the same answer
        Assert.Equal(2, (await ExpectMsgAsync<WorkersStopped>()).Workers);
    }
}
