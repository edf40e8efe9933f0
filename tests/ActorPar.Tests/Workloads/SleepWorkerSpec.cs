using ActorPar.Node.Workloads.Sleep;
using ActorPar.Tests.Support;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Workloads;

/// <summary>The worker of the sleep and join workloads: seed 000's long_running_process.</summary>
public sealed class SleepWorkerSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Local())
{
    [Fact]
    public async Task A_sleep_task_reports_its_id_its_time_and_the_process_that_slept_it()
    {
        var done = await WorkerTasks.ResultAsync<SleepDone>(this, Props.Create<SleepWorker>(), new SleepTask(3, 5, 0.001));

        Assert.Equal(new SleepDone(3, 5, Environment.ProcessId), done);
    }

    [Fact]
    public async Task It_says_which_process_sleeps_and_for_how_long_as_seed_003_does()
    {
        await EventFilter.Info(contains: $"process {Environment.ProcessId}: Sleeping for 2 seconds").ExpectOneAsync(() =>
            WorkerTasks.ResultAsync<SleepDone>(this, Props.Create<SleepWorker>(), new SleepTask(0, 2, 0.001)));
    }
}
