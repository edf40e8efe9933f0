using ActorPar.Coordination;
using ActorPar.Tests.Support;
using Akka.Actor;
using Akka.TestKit;
using Xunit;

namespace ActorPar.Tests.Workers;

/// <summary>The worker side of the protocol, with a test probe playing the coordinator.</summary>
public sealed class WorkerSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestProbe _coordinator;

    public WorkerSpec() : base(TestConfigs.Local())
    {
        _coordinator = CreateTestProbe("coordinator");
    }

    private IActorRef StartWorker(int credit = 1)
    {
        var worker = Sys.ActorOf(Props.Create<SquareWorker>());
        _coordinator.Send(worker, new Welcome(3, credit));
        return worker;
    }

    private static Batch MakeBatch(params Job[] jobs) => new(jobs.Select((job, i) => new TaskItem(i, job)).ToArray());

    [Fact]
    public async Task A_worker_asks_for_nothing_until_work_is_available_then_for_its_whole_credit()
    {
        var worker = StartWorker(credit: 2);
        await _coordinator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        _coordinator.Send(worker, WorkAvailable.Instance);

        Assert.Equal(2, (await _coordinator.ExpectMsgAsync<RequestWork>()).Credit);
        _coordinator.Send(worker, WorkAvailable.Instance); // already asked: no second request
        await _coordinator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task It_processes_a_batch_in_order_and_reports_every_outcome_with_its_credit_back()
    {
        var worker = StartWorker();

        _coordinator.Send(worker, MakeBatch(new Job(1), new Job(2), new Job(3)));

        var done = await _coordinator.ExpectMsgAsync<BatchDone>();
        Assert.Equal([0L, 1L, 2L], done.Outcomes.Select(o => o.Id));
        Assert.Equal([1L, 4L, 9L], done.Outcomes.Select(o => (long)o.Result!));
        Assert.All(done.Outcomes, o => Assert.Null(o.Error));
        Assert.Equal(1, done.RequestMore);
    }

    [Fact]
    public async Task A_task_that_throws_is_reported_with_its_message_and_the_worker_goes_on_with_the_next_one()
    {
        var worker = StartWorker(credit: 1);

        _coordinator.Send(worker, MakeBatch(new Job(2), new Job(5, "throw"), new Job(3)));

        var done = await _coordinator.ExpectMsgAsync<BatchDone>();
        Assert.Equal([0L, 1L, 2L], done.Outcomes.Select(o => o.Id));
        Assert.Equal(4L, done.Outcomes[0].Result);
        Assert.Equal("InvalidOperationException: cannot square 5", done.Outcomes[1].Error);
        Assert.Equal(9L, done.Outcomes[2].Result);
        Assert.Equal(1, done.RequestMore);
        await _coordinator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // no restart: nothing handed back, nothing asked again

        _coordinator.Send(worker, MakeBatch(new Job(6)));
        Assert.Equal(36L, (await _coordinator.ExpectMsgAsync<BatchDone>()).Outcomes[0].Result);
    }

    [Fact]
    public async Task A_worker_killed_mid_task_hands_back_what_it_held_and_rejoins_with_its_id_and_the_last_batch_it_saw()
    {
        // under the router's supervision, as in a real pool
        var worker = await ChildActorOfAsync(Props.Create<SquareWorker>(), WorkerRouter.RestartFailedWorker);
        _coordinator.Send(worker, new Welcome(3, 2));
        _coordinator.Send(worker, new Batch([new TaskItem(10, new Job(1, DelayMs: 5_000)), new TaskItem(11, new Job(2))], Number: 1));
        _coordinator.Send(worker, new Batch([new TaskItem(12, new Job(3))], Number: 2));

        worker.Tell(Kill.Instance); // what the coordinator does to a worker silent past the task timeout

        Assert.Equal([10L, 11L, 12L], (await _coordinator.ExpectMsgAsync<TasksReturned>()).TaskIds);
        var rejoined = await _coordinator.ExpectMsgAsync<RequestWork>();
        Assert.Equal(2, rejoined.Credit);
        Assert.Equal(2, rejoined.LastBatch);
        Assert.Equal(0, rejoined.Holding);
    }

    [Fact]
    public async Task Stop_lets_the_current_task_finish_and_report_before_the_worker_stops()
    {
        var worker = StartWorker();
        Watch(worker);
        _coordinator.Send(worker, MakeBatch(new Job(7, DelayMs: 300)));

        await EventFilter.Info(contains: "worker 3 on").And.Info(contains: "shutting down").ExpectOneAsync(async () =>
        {
            _coordinator.Send(worker, Stop.Instance);
            var done = await _coordinator.ExpectMsgAsync<BatchDone>();
            Assert.Equal(49L, done.Outcomes.Single().Result);
            Assert.Equal(0, done.RequestMore);
        });
        await ExpectTerminatedAsync(worker);
    }

    [Fact]
    public async Task Stop_hands_back_every_task_the_worker_has_not_started()
    {
        var worker = StartWorker(credit: 2);
        Watch(worker);
        _coordinator.Send(worker, new Batch([new TaskItem(10, new Job(1, DelayMs: 300)), new TaskItem(11, new Job(2))]));
        _coordinator.Send(worker, new Batch([new TaskItem(12, new Job(3))]));

        _coordinator.Send(worker, Stop.Instance);

        Assert.Equal([10L], (await _coordinator.ExpectMsgAsync<BatchDone>()).Outcomes.Select(o => o.Id));
        Assert.Equal([11L, 12L], (await _coordinator.ExpectMsgAsync<TasksReturned>()).TaskIds);
        await ExpectTerminatedAsync(worker);
    }

    [Fact]
    public async Task An_idle_worker_stops_at_once()
    {
        var worker = StartWorker();
        Watch(worker);

        _coordinator.Send(worker, Stop.Instance);

        await ExpectTerminatedAsync(worker, TimeSpan.FromSeconds(1));
        await _coordinator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_stop_is_heard_between_the_tasks_of_a_long_batch()
    {
        var worker = StartWorker();
        Watch(worker);
        var jobs = Enumerable.Range(0, 2_000).Select(i => new Job(i, DelayMs: i % 100 == 0 ? 1 : 0)).ToArray();

        _coordinator.Send(worker, MakeBatch(jobs));
        _coordinator.Send(worker, Stop.Instance);

        var finished = (await _coordinator.ExpectMsgAsync<BatchDone>()).Outcomes.Count;
        var returned = (await _coordinator.ExpectMsgAsync<TasksReturned>()).TaskIds.Count;
        Assert.Equal(2_000, finished + returned);
        Assert.True(returned > 0, "the stop waited for the whole batch");
        await ExpectTerminatedAsync(worker);
    }
}
