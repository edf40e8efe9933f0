using ActorPar.Chunks;
using ActorPar.Coordination;
using ActorPar.Tests.Support;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Coordination;

/// <summary>
/// With the nodes' strict serialization rules, a task whose input no serializer can carry
/// fails at once with the reason; it is never sent into a connection that would drop it.
/// </summary>
public sealed class UnsendableInputSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Strict())
{
    /// <summary>Bound to no serializer, so it cannot cross the network.</summary>
    private sealed record NotBound(int Value);

    [Fact]
    public async Task An_input_that_no_serializer_can_carry_fails_its_task_with_the_reason_instead_of_vanishing()
    {
        // arrange
        var worker = CreateTestProbe("worker");
        var settings = TestConfigs.Coordinator("actorpar.coordinator { workers = 1, chunk.max-size = 1 }");
        var coordinator = Sys.ActorOf(Coordinator.Props(settings, ProbeRouter.Props([worker.Ref])));
        object?[] inputs = [new NotBound(1)];

        // act
        coordinator.Tell(new SubmitJob("spec", JobInputs.From(inputs), TestActor));
        worker.Send(coordinator, new RequestWork(1));

        // assert
        var failed = Assert.Single((await ExpectMsgAsync<ResultsReady>()).Tasks());
        Assert.Equal(0, failed.Index);
        Assert.Contains("cannot be sent to a worker", failed.Error);
        Assert.Equal(1, (await ExpectMsgAsync<JobCompleted>()).Summary.Failed);
    }
}
