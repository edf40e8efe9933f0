using ActorPar.Chunks;
using ActorPar.Coordination;
using Xunit;

namespace ActorPar.Tests.Coordination;

/// <summary>
/// The ledger tracks chunks, not elements: each case lends chunks of a job of ten inputs
/// (0..9, whose results are 10 times the input), plays what a worker (or its loss) would say,
/// and checks that every element ends up recorded exactly once, with its own result.
/// </summary>
public sealed class ChunkLedgerSpec
{
    private static readonly WorkerInfo Worker = new(0, "w0", "node");

    private sealed class Job(int count, int maxAttempts = 3)
    {
        private long _number;

        public ChunkLedger Ledger { get; } = new(100, JobInputs.From(Enumerable.Range(0, count).ToArray()).Open(() => { }), count, maxAttempts);
        public List<ResultRun> Resolved { get; } = [];
        public RetrySummary Retries { get; } = new();

        public Chunk Take(int size) => Ledger.Take(size, ++_number) ?? throw new Xunit.Sdk.XunitException("nothing to lend");

        /// <summary>What a worker reports: the first <paramref name="done"/> elements, those at the failures' offsets threw.</summary>
        public static ChunkDone Done(Chunk chunk, int? done = null, bool interrupted = false, params ElementFailure[] failures)
        {
            var inputs = chunk.Inputs.AsArray<int>()!;
            var results = inputs.Take(done ?? chunk.Count).Select(x => x * 10).ToArray();
            return new ChunkDone(chunk.Number, chunk.Runs, done ?? chunk.Count, ChunkItems.Of(results), failures, 1, 1, interrupted);
        }

        public void Report(ChunkDone done) => Ledger.Record(done, Worker, Resolved, Retries);

        public void Report(Chunk chunk, params ElementFailure[] failures) => Report(Done(chunk, failures: failures));

        public void TakeBack(Chunk chunk, TakeBack why) => Ledger.TakeBackChunk(chunk.Number, why, "lost", Resolved, Retries);

        /// <summary>Every position 0..count-1 was resolved once, and each completed one has its own result.</summary>
        public void AssertEachRecordedOnce()
        {
            var positions = Resolved.SelectMany(r => Enumerable.Range(0, r.Count).Select(i => r.First + i)).ToList();
            Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), positions.Order());
            Assert.Equal(count, Ledger.Completed + Ledger.Failed);
            foreach (var run in Resolved.Where(r => !r.Failed))
                for (var i = 0; i < run.Count; i++) Assert.Equal((int)(run.First + i) * 10, run.Result(i));
            Assert.True(Ledger.IsDone());
            Assert.Null(Ledger.Take(10, 999));
        }
    }

    private static long[] Ids(Chunk chunk) => [.. chunk.Runs.SelectMany(r => Enumerable.Range(0, r.Count).Select(i => r.First + i))];

    [Fact]
    public void Chunks_are_lent_in_input_order_as_runs_of_task_ids_that_start_at_the_first_id_with_the_inputs_as_one_typed_array()
    {
        var job = new Job(10);

        var first = job.Take(4);
        var second = job.Take(10);

        Assert.Equal([new PositionRun(100, 4)], first.Runs);
        Assert.Equal([0, 1, 2, 3], first.Inputs.AsArray<int>()!);
        Assert.Equal([new PositionRun(104, 6)], second.Runs);
        Assert.Null(job.Ledger.Take(10, 3));
    }

    [Fact]
    public void A_chunk_reported_whole_records_every_element_once()
    {
        var job = new Job(10);

        job.Report(job.Take(10));

        job.AssertEachRecordedOnce();
        Assert.Equal((10L, 0L, 0L, 0L), (job.Ledger.Completed, job.Ledger.Requeued, job.Ledger.Retried, job.Ledger.HandedBack));
    }

    [Fact]
    public void A_chunk_handed_back_unstarted_is_lent_again_whole_and_first_and_counted_as_handed_back()
    {
        var job = new Job(10);
        var chunk = job.Take(10);

        job.Ledger.Returned(chunk.Number);
        var again = job.Take(10);
        job.Report(again);

        Assert.Equal(Ids(chunk), Ids(again));
        job.AssertEachRecordedOnce();
        Assert.Equal((10L, 0L), (job.Ledger.HandedBack, job.Ledger.Requeued));
    }

    [Fact]
    public void An_element_that_throws_fails_alone_the_rest_of_its_chunk_is_kept_and_only_that_element_is_retried()
    {
        var job = new Job(10);
        var chunk = job.Take(10);

        job.Report(chunk, new ElementFailure(3, "boom"));
        Assert.Equal(9, job.Ledger.Completed);
        var retry = job.Take(10);
        job.Report(retry);

        Assert.Equal([103L], Ids(retry));
        job.AssertEachRecordedOnce();
        Assert.Equal((1L, 0L, 0L), (job.Ledger.Retried, job.Ledger.Requeued, job.Ledger.Failed));
    }

    [Fact]
    public void An_element_that_throws_on_every_attempt_fails_for_good_alone_after_max_attempts()
    {
        var job = new Job(10, maxAttempts: 2);

        job.Report(job.Take(10), new ElementFailure(7, "boom"));
        job.Report(job.Take(10), new ElementFailure(0, "boom again"));

        job.AssertEachRecordedOnce();
        var failed = Assert.Single(job.Resolved, r => r.Failed);
        Assert.Equal((7L, 1, "boom again"), (failed.First, failed.Count, failed.Error));
        Assert.Equal((9L, 1L, 1L), (job.Ledger.Completed, job.Ledger.Failed, job.Ledger.Retried));
    }

    [Fact]
    public void A_chunk_whose_worker_died_is_split_in_two_and_the_halves_are_lent_apart()
    {
        var job = new Job(10);
        var chunk = job.Take(10);

        job.TakeBack(chunk, TakeBack.Departed);
        var first = job.Take(10);
        var second = job.Take(10);
        job.Report(second);
        job.Report(first);

        Assert.Equal(Enumerable.Range(100, 5).Select(i => (long)i), Ids(first));
        Assert.Equal(Enumerable.Range(105, 5).Select(i => (long)i), Ids(second));
        job.AssertEachRecordedOnce();
        Assert.Equal((10L, 0L), (job.Ledger.Requeued, job.Ledger.Retried));
    }

    [Fact]
    public void A_worker_that_restarted_mid_chunk_keeps_what_it_did_the_element_it_ran_counts_a_failed_attempt_and_the_rest_is_handed_back()
    {
        var job = new Job(10);
        var chunk = job.Take(10);

        job.Report(Job.Done(chunk, done: 4, interrupted: true));
        Assert.Equal(4, job.Ledger.Completed);
        var rest = job.Take(10);
        var retry = job.Take(10);
        job.Report(rest);
        job.Report(retry);

        Assert.Equal(Enumerable.Range(105, 5).Select(i => (long)i), Ids(rest));
        Assert.Equal([104L], Ids(retry));
        job.AssertEachRecordedOnce();
        Assert.Equal((1L, 5L, 0L), (job.Ledger.Retried, job.Ledger.HandedBack, job.Ledger.Requeued));
    }

    [Fact]
    public void A_late_duplicate_chunk_is_counted_element_by_element_and_ignored()
    {
        var job = new Job(10);
        var chunk = job.Take(10);
        var done = Job.Done(chunk);

        job.Report(done);
        job.Report(done);

        job.AssertEachRecordedOnce();
        Assert.Equal((10L, 10L), (job.Ledger.Completed, job.Ledger.DuplicatesIgnored));
    }

    [Fact]
    public void The_late_report_of_a_chunk_taken_back_from_a_lost_node_counts_once_and_its_halves_then_count_as_duplicates()
    {
        var job = new Job(10);
        var chunk = job.Take(10);
        job.TakeBack(chunk, TakeBack.Departed); // the node looked lost
        var first = job.Take(10);

        job.Report(chunk); // it was only slow: its report comes in first
        job.Report(first);

        job.AssertEachRecordedOnce();
        Assert.Equal((10L, 5L), (job.Ledger.Completed, job.Ledger.DuplicatesIgnored));
    }

    [Fact]
    public void A_cancelled_job_lends_nothing_more_and_names_what_did_not_finish()
    {
        var job = new Job(10);
        job.Report(job.Take(4));
        job.Take(2);

        job.Ledger.Cancel();

        Assert.Null(job.Ledger.Take(10, 50));
        Assert.Equal([new IndexRange(4, 9)], job.Ledger.Unresolved(readRest: false));
    }
}
