using ActorPar.Chunks;
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

    private static Chunk MakeChunk(long number, params Job[] jobs) => WorkerTasks.Chunk(number, jobs);

    private static Chunk MakeChunk(long number, long firstId, params Job[] jobs) => WorkerTasks.Chunk(number, jobs, firstId);

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
    public async Task It_processes_a_chunk_in_order_and_reports_its_results_as_one_typed_array_with_its_credit_back()
    {
        var worker = StartWorker();

        _coordinator.Send(worker, MakeChunk(1, new Job(1), new Job(2), new Job(3)));

        var done = await _coordinator.ExpectMsgAsync<ChunkDone>();
        Assert.Equal((1L, 3), (done.Number, done.Done));
        Assert.Equal([1L, 4L, 9L], done.Results.AsArray<long>()!);
        Assert.Empty(done.Failures);
        Assert.Equal(1, done.RequestMore);
    }

    [Fact]
    public async Task An_element_that_throws_is_reported_by_its_offset_with_its_message_and_the_worker_goes_on_with_the_next_one()
    {
        var worker = StartWorker(credit: 1);

        _coordinator.Send(worker, MakeChunk(1, new Job(2), new Job(5, "throw"), new Job(3)));

        var done = await _coordinator.ExpectMsgAsync<ChunkDone>();
        Assert.Equal(3, done.Done);
        Assert.Equal(4L, done.Results.Get(0));
        Assert.Equal([new ElementFailure(1, "InvalidOperationException: cannot square 5")], done.Failures);
        Assert.Equal(9L, done.Results.Get(2));
        Assert.Equal(1, done.RequestMore);
        await _coordinator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // no restart: nothing handed back, nothing asked again

        _coordinator.Send(worker, MakeChunk(2, new Job(6)));
        Assert.Equal(36L, (await _coordinator.ExpectMsgAsync<ChunkDone>()).Results.Get(0));
    }

    [Fact]
    public async Task A_worker_killed_mid_element_reports_which_element_was_running_hands_back_the_rest_and_rejoins_with_its_id_and_the_last_chunk_it_saw()
    {
        // under the router's supervision, as in a real pool
        var worker = await ChildActorOfAsync(Props.Create<SquareWorker>(), WorkerRouter.RestartFailedWorker);
        _coordinator.Send(worker, new Welcome(3, 2));
        _coordinator.Send(worker, MakeChunk(1, 10, new Job(1), new Job(2, DelayMs: 5_000), new Job(3)));
        _coordinator.Send(worker, MakeChunk(2, 13, new Job(4)));

        worker.Tell(Kill.Instance); // what the coordinator does to a worker silent past the task timeout

        var done = await _coordinator.ExpectMsgAsync<ChunkDone>();
        Assert.Equal((1L, 1, true), (done.Number, done.Done, done.Interrupted));
        Assert.Equal(2L, (await _coordinator.ExpectMsgAsync<ChunkReturned>()).Number);
        var rejoined = await _coordinator.ExpectMsgAsync<RequestWork>();
        Assert.Equal(2, rejoined.Credit);
        Assert.Equal(2, rejoined.LastBatch);
        Assert.Equal(0, rejoined.Holding);
    }

    [Fact]
    public async Task Stop_lets_the_current_element_finish_and_report_before_the_worker_stops()
    {
        var worker = StartWorker();
        Watch(worker);
        _coordinator.Send(worker, MakeChunk(1, new Job(7, DelayMs: 300)));

        await EventFilter.Info(contains: "worker 3 on").And.Info(contains: "shutting down").ExpectOneAsync(async () =>
        {
            _coordinator.Send(worker, Stop.Instance);
            var done = await _coordinator.ExpectMsgAsync<ChunkDone>();
            Assert.Equal(49L, done.Results.AsArray<long>()!.Single());
            Assert.Equal(0, done.RequestMore);
        });
        await ExpectTerminatedAsync(worker);
    }

    [Fact]
    public async Task Stop_reports_what_was_done_and_hands_back_every_element_the_worker_has_not_started()
    {
        var worker = StartWorker(credit: 2);
        Watch(worker);
        _coordinator.Send(worker, MakeChunk(1, 10, new Job(1, DelayMs: 300), new Job(2)));
        _coordinator.Send(worker, MakeChunk(2, 12, new Job(3)));

        _coordinator.Send(worker, Stop.Instance);

        var done = await _coordinator.ExpectMsgAsync<ChunkDone>();
        Assert.Equal((1L, 1, false), (done.Number, done.Done, done.Interrupted)); // the rest of chunk 1 goes back with it
        Assert.Equal(2L, (await _coordinator.ExpectMsgAsync<ChunkReturned>()).Number);
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
    public async Task A_stop_is_heard_between_the_elements_of_a_long_chunk()
    {
        var worker = StartWorker();
        Watch(worker);
        var jobs = Enumerable.Range(0, 2_000).Select(i => new Job(i, DelayMs: i % 100 == 0 ? 1 : 0)).ToArray();

        _coordinator.Send(worker, MakeChunk(1, jobs));
        _coordinator.Send(worker, Stop.Instance);

        var done = await _coordinator.ExpectMsgAsync<ChunkDone>();
        Assert.True(done.Done < 2_000, "the stop waited for the whole chunk");
        Assert.Equal(done.Done, done.Results.Count);
        await ExpectTerminatedAsync(worker);
    }

    [Fact]
    public async Task DropWork_hands_back_the_chunks_of_the_cancelled_job_stops_the_current_one_after_its_element_and_asks_for_the_next_jobs_work()
    {
        var worker = StartWorker(credit: 2);
        _coordinator.Send(worker, MakeChunk(1, 10, new Job(1, DelayMs: 300), new Job(2)));
        _coordinator.Send(worker, MakeChunk(2, 12, new Job(3)));

        _coordinator.Send(worker, new DropWork(UpTo: 2));

        Assert.Equal(2L, (await _coordinator.ExpectMsgAsync<ChunkReturned>()).Number);
        // the element under way is cancelled, so nothing of chunk 1 was done: it comes back unstarted
        Assert.Equal(1L, (await _coordinator.ExpectMsgAsync<ChunkReturned>()).Number);
        // it asks for the next job's work itself: the coordinator forgot its demand when the chunks came back
        Assert.Equal(2, (await _coordinator.ExpectMsgAsync<RequestWork>()).Credit);
        _coordinator.Send(worker, MakeChunk(3, 13, new Job(4))); // and takes the next job's chunks
        Assert.Equal(16L, (await _coordinator.FishForMessageAsync<ChunkDone>(d => d.Number == 3)).Results.Get(0));
    }
}
