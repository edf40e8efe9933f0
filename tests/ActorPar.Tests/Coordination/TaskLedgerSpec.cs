using ActorPar.Coordination;
using Xunit;

namespace ActorPar.Tests.Coordination;

public sealed class TaskLedgerSpec
{
    private static readonly WorkerInfo Worker = new(0, "w0", "node");

    private static TaskLedger Ledger(int count, int maxAttempts = 3, long firstId = 100) =>
        new(firstId, Enumerable.Range(0, count).Select(i => (object?)i), maxAttempts);

    private static TaskOutcome Ok(long id) => new(id, id * 10, null);
    private static TaskOutcome Failed(long id) => new(id, null, "boom");

    [Fact]
    public void Tasks_are_lent_in_input_order_with_ids_that_start_at_the_first_id()
    {
        var ledger = Ledger(3);

        var taken = new[] { ledger.Take(), ledger.Take(), ledger.Take(), ledger.Take() };

        Assert.Equal([100L, 101L, 102L], taken.Take(3).Select(t => t!.Id));
        Assert.Equal([0, 1, 2], taken.Take(3).Select(t => (int)t!.Input!));
        Assert.Null(taken[3]);
    }

    [Fact]
    public void Each_id_is_recorded_once_and_a_late_duplicate_is_counted_and_ignored()
    {
        var ledger = Ledger(1);
        var task = ledger.Take()!;

        Assert.Equal(OutcomeVerdict.Completed, ledger.Record(Ok(task.Id), Worker, out var first));
        Assert.Equal(OutcomeVerdict.Duplicate, ledger.Record(Ok(task.Id), Worker, out var second));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(1, ledger.Completed);
        Assert.Equal(1, ledger.DuplicatesIgnored);
    }

    [Fact]
    public void An_outcome_for_an_id_this_job_never_lent_is_a_duplicate()
    {
        var ledger = Ledger(1);

        Assert.Equal(OutcomeVerdict.Duplicate, ledger.Record(Ok(5), Worker, out _));
        Assert.Equal(1, ledger.DuplicatesIgnored);
    }

    [Fact]
    public void Tasks_put_back_go_to_the_front_of_the_queue_in_order()
    {
        var ledger = Ledger(5);
        var a = ledger.Take()!;
        var b = ledger.Take()!;

        ledger.PutBack([a.Id, b.Id]);

        Assert.Equal([a.Id, b.Id, 102L], new[] { ledger.Take()!.Id, ledger.Take()!.Id, ledger.Take()!.Id });
        Assert.Equal(2, ledger.Requeued);
    }

    [Fact]
    public void A_task_put_back_and_then_reported_by_its_first_worker_is_resolved_and_not_lent_again()
    {
        var ledger = Ledger(2);
        var a = ledger.Take()!;
        ledger.PutBack([a.Id]);

        ledger.Record(Ok(a.Id), Worker, out _);

        Assert.Equal(101L, ledger.Take()!.Id);
        Assert.Null(ledger.Take());
    }

    [Fact]
    public void A_failed_task_is_retried_until_its_attempts_run_out_then_fails_for_good()
    {
        var ledger = Ledger(1, maxAttempts: 2);
        var task = ledger.Take()!;

        Assert.Equal(OutcomeVerdict.Retry, ledger.Record(Failed(task.Id), Worker, out _));
        var retry = ledger.Take()!;
        Assert.Equal(task.Id, retry.Id);
        Assert.Equal(OutcomeVerdict.FailedForGood, ledger.Record(Failed(task.Id), Worker, out var result));

        Assert.Equal("boom", result!.Error);
        Assert.Equal(1, ledger.Failed);
        Assert.Null(ledger.Take());
        Assert.True(ledger.IsDone());
    }

    [Fact]
    public void The_ledger_is_done_only_when_the_inputs_are_exhausted_and_every_task_is_resolved()
    {
        var ledger = Ledger(2);
        var a = ledger.Take()!;
        var b = ledger.Take()!;
        Assert.False(ledger.IsDone());

        ledger.Record(Ok(a.Id), Worker, out _);
        Assert.False(ledger.IsDone());
        ledger.Record(Ok(b.Id), Worker, out _);

        Assert.True(ledger.IsDone());
        Assert.Empty(ledger.Unresolved());
    }

    [Fact]
    public void A_job_is_done_when_its_last_input_is_resolved_even_if_nobody_asks_for_more()
    {
        var ledger = Ledger(1);
        var only = ledger.Take()!;

        ledger.Record(Ok(only.Id), Worker, out _);

        Assert.True(ledger.IsDone());
    }

    [Fact]
    public void Unresolved_tasks_are_named_as_ranges_including_inputs_never_read()
    {
        var ledger = Ledger(6);
        var a = ledger.Take()!;
        ledger.Take();
        ledger.Record(Ok(a.Id), Worker, out _);

        Assert.Equal([new IndexRange(1, 5)], ledger.Unresolved());
    }

    [Fact]
    public void An_unreadable_input_fails_its_task_at_once_and_the_rest_go_on()
    {
        object?[] inputs = [1, new InvalidInput("line 2: not JSON"), new InvalidInput("line 3: not JSON"), 4];
        var ledger = new TaskLedger(0, inputs, 3);

        var lent = new[] { ledger.Take()!.Id, ledger.Take()!.Id };
        var rejected = ledger.TakeRejected();

        Assert.Equal([0L, 3L], lent);
        Assert.Equal([1L, 2L], rejected.Select(r => r.Index));
        Assert.Equal("line 2: not JSON", rejected[0].Error);
        Assert.Equal(2, ledger.Failed);
    }

    [Fact]
    public void Unreadable_inputs_at_the_end_do_not_keep_a_job_open()
    {
        var ledger = new TaskLedger(0, [1, new InvalidInput("bad")], 3);
        ledger.Record(Ok(ledger.Take()!.Id), Worker, out _);

        Assert.True(ledger.IsDone());
        Assert.Single(ledger.TakeRejected());
    }

    [Fact]
    public void Inputs_are_read_lazily_so_a_huge_job_holds_only_what_is_in_flight()
    {
        var read = 0;
        var ledger = new TaskLedger(0, Enumerable.Range(0, int.MaxValue).Select(i => { read++; return (object?)i; }), 3);

        for (var i = 0; i < 10; i++) ledger.Record(Ok(ledger.Take()!.Id), Worker, out _);

        Assert.Equal(10, read);
        Assert.Equal(10, ledger.Completed);
    }
}
