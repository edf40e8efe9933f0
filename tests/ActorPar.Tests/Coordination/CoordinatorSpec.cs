using ActorPar.Coordination;
using ActorPar.Tests.Support;
using Akka.Actor;
using Akka.Routing;
using Akka.TestKit;
using Xunit;

namespace ActorPar.Tests.Coordination;

/// <summary>
/// The coordinator's side of the protocol, with test probes playing the workers. The router
/// is a group over the probes, so its broadcasts reach them as a pool's would reach workers.
/// </summary>
public sealed class CoordinatorSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly CoordinatorSettings Defaults = new()
    {
        Workers = 2,
        RouteePollInterval = TimeSpan.FromMilliseconds(50),
        ReadyTimeout = TimeSpan.FromSeconds(10),
        StopTimeout = TimeSpan.FromSeconds(5),
        MaxBatchSize = 1,
    };

    private readonly TestProbe _listener;

    private CoordinatorSpecFixture Start(int workers = 2, CoordinatorSettings? settings = null)
    {
        var probes = Enumerable.Range(0, workers).Select(i => CreateTestProbe($"worker-{i}")).ToArray();
        var group = Props.Empty.WithRouter(new BroadcastGroup(probes.Select(p => p.Ref.Path.ToStringWithoutAddress())));
        var coordinator = Sys.ActorOf(Coordinator.Props(settings ?? Defaults, group), "coordinator");
        return new CoordinatorSpecFixture(coordinator, probes);
    }

    public CoordinatorSpec() : base(TestConfigs.Local())
    {
        _listener = CreateTestProbe("listener");
    }

    private sealed record CoordinatorSpecFixture(IActorRef Coordinator, TestProbe[] Workers);

    private static IEnumerable<object?> Numbers(int count) => Enumerable.Range(0, count).Select(i => (object?)i);

    private async Task<Work> ExpectWorkAsync(TestProbe worker) =>
        (Work)await worker.FishForMessageAsync(m => m is Work, TimeSpan.FromSeconds(5));

    private async Task<IReadOnlyList<TaskResult>> ExpectResultsAsync() =>
        (await _listener.ExpectMsgAsync<ResultsReady>()).Results;

    private void Submit(IActorRef coordinator, int count) =>
        coordinator.Tell(new SubmitJob("spec", Numbers(count), _listener.Ref, count));

    [Fact]
    public async Task Coordinator_sends_nothing_until_the_router_reports_every_worker()
    {
        var (coordinator, workers) = Start(workers: 2, Defaults with { Workers = 3, ReadyTimeout = TimeSpan.FromSeconds(1) });

        Submit(coordinator, 4);
        coordinator.Tell(NotifyWhenReady.Instance, TestActor);

        var notReady = await ExpectMsgAsync<CoordinatorNotReady>(TimeSpan.FromSeconds(5));
        Assert.Contains("only 0 of 3 workers", notReady.Reason);
        await workers[0].ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task When_the_workers_are_there_it_broadcasts_that_work_is_available()
    {
        var (coordinator, workers) = Start();
        coordinator.Tell(NotifyWhenReady.Instance, TestActor);
        await ExpectMsgAsync<CoordinatorReady>();

        Submit(coordinator, 2);

        foreach (var worker in workers) await worker.ExpectMsgAsync<WorkAvailable>();
    }

    [Fact]
    public async Task Only_a_worker_that_asks_gets_a_task_and_a_busy_worker_is_never_pushed_to()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 3);
        await workers[0].ExpectMsgAsync<WorkAvailable>();

        workers[0].Send(coordinator, new RequestWork(1));

        var work = await ExpectWorkAsync(workers[0]);
        Assert.Equal([0L], work.Tasks.Select(t => t.Id));
        await workers[0].ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        await workers[1].FishForMessageAsync(m => m is WorkAvailable);
        await workers[1].ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        workers[0].Send(coordinator, new WorkDone([new TaskOutcome(0, 0, null)], 1, RequestMore: 1));

        Assert.Equal([1L], (await ExpectWorkAsync(workers[0])).Tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task Credit_bounds_how_many_batches_a_worker_holds()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 10);

        workers[0].Send(coordinator, new RequestWork(2));

        await ExpectWorkAsync(workers[0]);
        await ExpectWorkAsync(workers[0]);
        await workers[0].ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Each_result_is_recorded_once_and_a_late_duplicate_is_counted_and_ignored()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 1);
        workers[0].Send(coordinator, new RequestWork(1));
        var work = await ExpectWorkAsync(workers[0]);
        var task = work.Tasks[0];

        var done = new WorkDone([new TaskOutcome(task.Id, 42, null)], 1, 0, work.Batch);
        workers[0].Send(coordinator, done);
        workers[1].Send(coordinator, done);

        var results = await ExpectResultsAsync();
        Assert.Equal(42, Assert.Single(results).Result);
        var summary = (await _listener.ExpectMsgAsync<JobCompleted>()).Summary;
        Assert.Equal(1, summary.Completed);
        await _listener.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        coordinator.Tell(new SubmitJob("next", Numbers(1), _listener.Ref, 1));
        workers[1].Send(coordinator, done); // the old id again, now during another job
        workers[0].Send(coordinator, new RequestWork(1, LastBatch: work.Batch));
        var next = (await ExpectWorkAsync(workers[0])).Tasks[0];
        Assert.NotEqual(task.Id, next.Id);
    }

    [Fact]
    public async Task The_tasks_of_a_worker_that_terminates_go_back_to_the_front_of_the_queue()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 3);
        workers[0].Send(coordinator, new RequestWork(1));
        var lost = (await ExpectWorkAsync(workers[0])).Tasks[0];

        await EventFilter.Warning(contains: "put back").ExpectOneAsync(() => workers[0].Ref.GracefulStop(TimeSpan.FromSeconds(3)));
        workers[1].Send(coordinator, new RequestWork(1));

        var retried = (await ExpectWorkAsync(workers[1])).Tasks[0];
        Assert.Equal(lost.Id, retried.Id);
        workers[1].Send(coordinator, new WorkDone([new TaskOutcome(retried.Id, 0, null)], 1, 1));
        workers[1].Send(coordinator, new WorkDone([new TaskOutcome((await ExpectWorkAsync(workers[1])).Tasks[0].Id, 1, null)], 1, 1));
        workers[1].Send(coordinator, new WorkDone([new TaskOutcome((await ExpectWorkAsync(workers[1])).Tasks[0].Id, 2, null)], 1, 1));
        var summary = (await _listener.FishForMessageAsync(m => m is JobCompleted) as JobCompleted)!.Summary;
        Assert.Equal(3, summary.Completed);
        Assert.Equal(1, summary.Requeued);
    }

    [Fact]
    public async Task Tasks_handed_back_unstarted_are_lent_again_first()
    {
        var (coordinator, workers) = Start(settings: Defaults with { MaxBatchSize = 1 });
        Submit(coordinator, 4);
        workers[0].Send(coordinator, new RequestWork(2));
        var first = (await ExpectWorkAsync(workers[0])).Tasks[0];
        var second = (await ExpectWorkAsync(workers[0])).Tasks[0];

        workers[0].Send(coordinator, new WorkReturned([first.Id, second.Id]));
        workers[1].Send(coordinator, new RequestWork(2));

        Assert.Equal(first.Id, (await ExpectWorkAsync(workers[1])).Tasks[0].Id);
        Assert.Equal(second.Id, (await ExpectWorkAsync(workers[1])).Tasks[0].Id);
    }

    [Fact]
    public async Task Tiny_tasks_are_batched_once_their_time_is_known()
    {
        var (coordinator, workers) = Start(settings: Defaults with { MaxBatchSize = 100, BatchTarget = TimeSpan.FromMilliseconds(10) });
        Submit(coordinator, 1000);
        workers[0].Send(coordinator, new RequestWork(1));
        var first = await ExpectWorkAsync(workers[0]);
        Assert.Single(first.Tasks);

        workers[0].Send(coordinator, new WorkDone([new TaskOutcome(first.Tasks[0].Id, 0, null)], ElapsedMs: 0.01, RequestMore: 1));

        Assert.Equal(100, (await ExpectWorkAsync(workers[0])).Tasks.Count);
    }

    [Fact]
    public async Task In_push_mode_every_task_is_sent_at_once_round_robin_without_being_asked()
    {
        var (coordinator, workers) = Start(settings: Defaults with { Dispatch = DispatchMode.Push });
        workers[0].Send(coordinator, new RequestWork(1)); // only to register the two workers
        workers[1].Send(coordinator, new RequestWork(1));

        Submit(coordinator, 4);

        long[] first = [(await ExpectWorkAsync(workers[0])).Tasks[0].Id, (await ExpectWorkAsync(workers[0])).Tasks[0].Id];
        long[] second = [(await ExpectWorkAsync(workers[1])).Tasks[0].Id, (await ExpectWorkAsync(workers[1])).Tasks[0].Id];
        Assert.Equal([0L, 2L], first);
        Assert.Equal([1L, 3L], second);
    }

    [Fact]
    public async Task Stop_is_broadcast_to_every_worker_and_the_router_stops_when_they_have_all_stopped()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 1);
        workers[0].Send(coordinator, new RequestWork(1));
        workers[1].Send(coordinator, new RequestWork(1));
        var task = (await ExpectWorkAsync(workers[0])).Tasks[0];
        workers[0].Send(coordinator, new WorkDone([new TaskOutcome(task.Id, 0, null)], 1, 0));
        await _listener.FishForMessageAsync(m => m is JobCompleted);
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
        var task = (await ExpectWorkAsync(workers[0])).Tasks[0];

        coordinator.Tell(StopWorkers.Instance, TestActor);
        workers[0].Send(coordinator, new WorkDone([new TaskOutcome(task.Id, 0, null)], 1, 0)); // finishes its current task
        foreach (var worker in workers) Sys.Stop(worker.Ref);

        await ExpectMsgAsync<WorkersStopped>();
        var summary = ((JobCompleted)await _listener.FishForMessageAsync(m => m is JobCompleted)).Summary;
        Assert.True(summary.Interrupted);
        Assert.Equal(1, summary.Completed);
        Assert.Equal([new IndexRange(1, 2)], summary.Unfinished);
    }

    [Fact]
    public async Task A_batch_whose_outcome_was_lost_is_put_back_when_a_later_batch_reports()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 3);
        workers[0].Send(coordinator, new RequestWork(2));
        var first = await ExpectWorkAsync(workers[0]);
        var second = await ExpectWorkAsync(workers[0]);

        // the outcome of the first batch never arrives; the second one's does
        workers[0].Send(coordinator, new WorkDone([new TaskOutcome(second.Tasks[0].Id, 0, null)], 1, 0, second.Batch));
        workers[1].Send(coordinator, new RequestWork(1));

        Assert.Equal(first.Tasks[0].Id, (await ExpectWorkAsync(workers[1])).Tasks[0].Id);
    }

    [Fact]
    public async Task A_batch_that_never_reached_its_worker_is_put_back_when_the_worker_asks_again()
    {
        var (coordinator, workers) = Start(settings: Defaults with { LostAfter = TimeSpan.FromMilliseconds(200) });
        Submit(coordinator, 2);
        workers[0].Send(coordinator, new RequestWork(1));
        var lost = (await ExpectWorkAsync(workers[0])).Tasks[0]; // pretend it was dropped on the way

        // the worker, still empty-handed, asks again saying it has seen no batch at all
        await AwaitAssertAsync(async () =>
        {
            workers[0].Send(coordinator, new RequestWork(1, LastBatch: 0, Holding: 0));
            var again = (Work)await workers[0].FishForMessageAsync(m => m is Work, TimeSpan.FromMilliseconds(300));
            Assert.Equal(lost.Id, again.Tasks[0].Id);
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_worker_that_asks_again_while_a_batch_is_on_its_way_is_not_sent_more_than_its_credit()
    {
        var (coordinator, workers) = Start();
        Submit(coordinator, 5);
        workers[0].Send(coordinator, new RequestWork(1));
        await ExpectWorkAsync(workers[0]);

        workers[0].Send(coordinator, new RequestWork(1, LastBatch: 0, Holding: 0));

        await workers[0].ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_job_whose_workers_are_all_gone_is_given_up_after_the_ready_timeout_instead_of_waiting_forever()
    {
        var (coordinator, workers) = Start(workers: 1, Defaults with { Workers = 1, ReadyTimeout = TimeSpan.FromSeconds(1) });
        Submit(coordinator, 3);
        workers[0].Send(coordinator, new RequestWork(1));
        await ExpectWorkAsync(workers[0]);

        Sys.Stop(workers[0].Ref);

        var summary = ((JobCompleted)await _listener.FishForMessageAsync(m => m is JobCompleted, TimeSpan.FromSeconds(10))).Summary;
        Assert.True(summary.Interrupted);
        Assert.Equal([new IndexRange(0, 2)], summary.Unfinished);
    }

    [Fact]
    public async Task A_worker_silent_on_a_task_for_the_task_timeout_is_restarted_and_the_task_is_lent_again()
    {
        var (coordinator, workers) = Start(settings: Defaults with { TaskTimeout = TimeSpan.FromMilliseconds(400) });
        Submit(coordinator, 1);
        workers[0].Send(coordinator, new RequestWork(1));
        var hung = (await ExpectWorkAsync(workers[0])).Tasks[0];

        // worker 0 says nothing: after the timeout the coordinator restarts it (a Kill) and puts the task back
        await EventFilter.Warning(contains: $"on task {hung.Id}: restarting it").ExpectOneAsync(TimeSpan.FromSeconds(5), () => Task.CompletedTask);
        workers[1].Send(coordinator, new RequestWork(1));
        var retried = (await ExpectWorkAsync(workers[1])).Tasks[0];
        Assert.Equal(hung.Id, retried.Id);
        workers[1].Send(coordinator, new WorkDone([new TaskOutcome(retried.Id, 0, null)], 1, 1));

        var summary = ((JobCompleted)await _listener.FishForMessageAsync(m => m is JobCompleted, TimeSpan.FromSeconds(5))).Summary;
        Assert.Equal(1, summary.Completed);
        Assert.Equal(1, summary.Requeued);
        Assert.False(summary.Interrupted);
    }
}
