using ActorPar.Hosting;
using ActorPar.Pool;
using ActorPar.Tests.Support;
using ActorPar.Workers;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Pool;

/// <summary>A worker whose constructor takes a closure: it cannot be deployed on another node.</summary>
public sealed class ClosureWorker(Func<int, int> f) : Worker<int, int>
{
    protected override int Process(int input) => f(input);
}

/// <summary>
/// The Pool-like API from inside a test: this process is the seed, and the pool starts one
/// worker node process that loads this test assembly for <see cref="SquareWorker"/>.
/// </summary>
public sealed class WorkerPoolSpec
{
    private static readonly PoolOptions OneLocalNode = new()
    {
        WorkerNodes = 1,
        Workers = 2,
        WorkerNodeCommand = ["dotnet", NodeProcess.NodeDll, "worker"],
        Settings = new Dictionary<string, string> { ["actorpar.coordinator.max-attempts"] = "2" },
    };

    [Fact]
    public async Task MapAsync_returns_every_result_in_input_order_StreamAsync_every_outcome_once_and_DisposeAsync_stops_the_nodes_it_started()
    {
        IReadOnlyList<int> started;
        await using (var pool = await WorkerPool<Job, long>.StartAsync<SquareWorker>(OneLocalNode))
        {
            started = pool.LocalNodeProcessIds;
            Assert.Single(started);
            Assert.Equal(2, pool.Workers);

            var squares = await pool.MapAsync(Enumerable.Range(0, 500).Select(i => new Job(i, DelayMs: i % 50 == 0 ? 5 : 0)));
            Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i * i), squares);

            var outcomes = new List<PoolResult<Job, long>>();
            await foreach (var outcome in pool.StreamAsync([new Job(3), new Job(4, "throw"), new Job(5)])) outcomes.Add(outcome);
            Assert.Equal([0L, 1L, 2L], outcomes.Select(o => o.Index).Order());
            Assert.Equal(9L, outcomes.Single(o => o.Index == 0).Result);
            Assert.Equal("InvalidOperationException: cannot square 4", outcomes.Single(o => o.Index == 1).Error);
            Assert.Equal(new Job(4, "throw"), outcomes.Single(o => o.Index == 1).Input);
        }

        Assert.All(started, pid => Assert.False(Directory.Exists($"/proc/{pid}") && !IsZombie(pid), $"worker node {pid} is still running"));
    }

    [Fact]
    public async Task MapAsync_raises_for_a_task_that_failed_for_good_after_the_others_completed()
    {
        await using var pool = await WorkerPool<Job, long>.StartAsync<SquareWorker>(OneLocalNode);

        var error = await Assert.ThrowsAsync<PoolJobException>(() => pool.MapAsync([new Job(1), new Job(2, "throw"), new Job(3)]));

        Assert.Equal([new PoolFailure(1, "InvalidOperationException: cannot square 2")], error.Failures);
        Assert.Equal("1 of 3 task(s) got no result; first, task 1: InvalidOperationException: cannot square 2", error.Message);
        Assert.Equal([1L, 9L], await pool.MapAsync([new Job(1), new Job(3)])); // and the pool goes on
    }

    [Fact]
    public async Task MapAsync_of_a_million_inputs_returns_every_result_in_input_order()
    {
        await using var pool = await WorkerPool<long, long>.StartAsync<SquareNumberWorker>(OneLocalNode);
        const int count = 1_000_000;

        var squares = await pool.MapAsync(Enumerable.Sequence(0L, count - 1, 1L));

        Assert.Equal(count, squares.Count);
        var wrong = Enumerable.Range(0, count).Where(i => squares[i] != (long)i * i).Take(3).ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Cancelling_MapAsync_cancels_the_job_so_nothing_more_of_it_is_read_or_lent_and_the_next_job_runs()
    {
        await using var pool = await WorkerPool<long, long>.StartAsync<SlowNumberWorker>(OneLocalNode);
        var read = 0;
        IEnumerable<long> Inputs()
        {
            for (var x = 0L; x < 10_000; x++)
            {
                Interlocked.Increment(ref read);
                yield return x;
            }
        }
        using var cancel = new CancellationTokenSource();
        var results = 0;

        // one element per chunk, each taking 50 ms: cancel once a few results are in
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in pool.StreamAsync(Inputs(), chunkSize: 1, cancel.Token))
                if (++results == 4) await cancel.CancelAsync();
        });
        var readWhenCancelled = Volatile.Read(ref read);

        // the workers drop what they held and take the next job; the cancelled job's source is never read again
        // (bounded: a worker that handed back its chunk without asking again once left this job waiting forever)
        Assert.Equal([4L, 9L, 16L], await pool.MapAsync([2L, 3L, 4L]).WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(readWhenCancelled, Volatile.Read(ref read));
        Assert.InRange(readWhenCancelled, 4, 100);
    }

    [Fact]
    public async Task A_pool_can_join_a_cluster_that_is_already_running_and_deploy_its_workers_on_its_worker_nodes()
    {
        await using var first = await WorkerPool<Job, long>.StartAsync<SquareWorker>(OneLocalNode);
        var seed = $"{first.Address.Host}:{first.Address.Port}";

        await using (var joined = await WorkerPool<Job, long>.StartAsync<SquareWorker>(OneLocalNode with { Seed = seed }))
        {
            Assert.Empty(joined.LocalNodeProcessIds); // it started no node of its own
            Assert.Equal([4L, 25L], await joined.MapAsync([new Job(2), new Job(5)]));
        }

        // the joined pool left without sending the cluster's worker nodes away
        Assert.Equal([49L], await first.MapAsync([new Job(7)]));
    }

    [Fact]
    public async Task A_worker_whose_constructor_argument_cannot_travel_is_refused_before_any_node_starts()
    {
        var error = await Assert.ThrowsAsync<NodeStartException>(() =>
            WorkerPool<int, int>.StartAsync(Props.Create(() => new ClosureWorker(x => x + 1)), OneLocalNode));

        Assert.StartsWith("constructor argument 1 of ClosureWorker (Func`2) cannot be sent to worker nodes: it is a delegate", error.Message);
    }

    private static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z'); }
        catch (IOException) { return true; }
    }
}
