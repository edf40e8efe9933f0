using ActorPar.Chunks;
using ActorPar.Coordination;
using ActorPar.Tests.Support;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Coordination;

/// <summary>
/// What the coordinator does with a task whose processing throws: it tries it again, up to
/// max-attempts times in all, then records it as failed for good with
/// its last error, while the other tasks complete.
/// </summary>
public sealed class TaskFailureSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local())
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_task_that_keeps_throwing_is_tried_max_attempts_times_then_fails_for_good_with_its_last_error(int maxAttempts)
    {
        // arrange: one probe plays the worker; input 0 always throws, input 1 succeeds
        var worker = CreateTestProbe("worker");
        var settings = TestConfigs.Coordinator(
            $"actorpar.coordinator {{ workers = 1, chunk.max-size = 1, max-attempts = {maxAttempts} }}");
        var coordinator = Sys.ActorOf(Coordinator.Props(settings, ProbeRouter.Props([worker.Ref])));
        coordinator.Tell(new SubmitJob("spec", JobInputs.From(new[] { 0, 1 }), TestActor));

        // act: the worker asks for work and reports each task's outcome, as a worker does
        var attemptsOfTheBadTask = 0;
        long lastChunk = 0;
        for (var lent = 0; lent < maxAttempts + 1; lent++) // the bad task max-attempts times, the good one once
        {
            worker.Send(coordinator, new RequestWork(1, lastChunk));
            var work = (Chunk)await worker.FishForMessageAsync(m => m is Chunk);
            lastChunk = work.Number;
            Assert.Equal(1, work.Count);
            var done = (int)work.Inputs.Get(0)! == 0
                ? new ChunkDone(work.Number, work.Runs, 1, ChunkItems.Of(new long[1]), [new ElementFailure(0, $"InvalidOperationException: attempt {++attemptsOfTheBadTask}")], 1, 0)
                : new ChunkDone(work.Number, work.Runs, 1, ChunkItems.Of(new[] { 1L }), [], 1, 0);
            worker.Send(coordinator, done);
        }

        // assert: nothing more to lend, one failure with the last error, one result
        worker.Send(coordinator, new RequestWork(1, lastChunk));
        await worker.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        var results = new List<TaskResult>();
        JobSummary? summary = null;
        while (summary is null)
            switch (await ExpectMsgAsync<object>())
            {
                case ResultsReady ready: results.AddRange(ready.Tasks()); break;
                case JobCompleted completed: summary = completed.Summary; break;
            }
        Assert.Equal(maxAttempts, attemptsOfTheBadTask);
        var failed = Assert.Single(results, r => r.Failed);
        Assert.Equal(0, failed.Index);
        Assert.Equal($"InvalidOperationException: attempt {maxAttempts}", failed.Error);
        Assert.Equal(1L, Assert.Single(results, r => !r.Failed).Result);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(1, summary.Completed);
        Assert.Equal(maxAttempts - 1, summary.Retried);
        Assert.Equal(0, summary.Requeued);
    }
}

