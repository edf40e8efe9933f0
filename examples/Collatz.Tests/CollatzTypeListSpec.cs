using ActorPar.TestKit;
using Xunit;

namespace Collatz.Tests;

/// <summary>A type that cannot travel fails the unit test, with the fix, instead of failing on the cluster.</summary>
public sealed class CollatzTypeListSpec() : WorkerTestKit<CollatzWorker, Start, Steps>(new ActorParTestConfig("forgot-steps.conf"))
{
    [Fact]
    public async Task A_result_type_left_off_the_type_list_fails_here_with_the_line_to_add()
    {
        var error = await Assert.ThrowsAsync<WorkerCheckException>(() => Worker.RunAsync(new Start(27)));

        Assert.Equal("type Collatz.Steps cannot cross the network (it is bound to no serializer): " +
                     "implement IActorParMessage or list \"Collatz.Steps, Collatz\" in actorpar.serialization.types", error.Message);
    }
}
