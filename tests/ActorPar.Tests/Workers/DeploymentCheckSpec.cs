using ActorPar.Tests.Messaging;
using ActorPar.Tests.Support;
using ActorPar.Workers;
using Akka.Actor;
using Xunit;

namespace ActorPar.Tests.Workers;

/// <summary>A worker built with an argument that no serializer carries.</summary>
public sealed class UnboundArgumentWorker(Unbound setting) : Worker<int, int>
{
    protected override int Process(int input) => input + setting.Value;
}

/// <summary>A worker built with an actor ref and a string, as the counter workload's worker is.</summary>
public sealed class CounterLikeWorker(IActorRef total, string name) : Worker<int, int>
{
    protected override int Process(int input)
    {
        total.Tell($"{name}: {input}");
        return input;
    }
}

/// <summary>A worker whose result type cannot travel back to the coordinator.</summary>
public sealed class UnboundResultWorker : Worker<int, Unbound>
{
    protected override Unbound Process(int input) => new(input);
}

/// <summary>An actor that is not a worker at all.</summary>
public sealed class NotAWorker : ReceiveActor;

/// <summary>
/// What remote deployment needs, checked before a job starts with the nodes' strict
/// serialization rules and remoting's own serializers (which carry numbers, strings and actor
/// refs): a worker, constructor arguments that travel, and input and result types that travel.
/// </summary>
public sealed class DeploymentCheckSpec() : Akka.TestKit.Xunit2.TestKit(Akka.Configuration.ConfigurationFactory.ParseString("""
    akka.actor.provider = remote
    akka.remote.dot-netty.tcp.port = 0
    """).WithFallback(ActorPar.Hosting.NodeConfig.Load("worker")))
{
    [Fact]
    public void A_worker_created_from_its_type_with_types_that_travel_has_no_problem()
    {
        Assert.Empty(DeploymentCheck.Problems(Sys, Props.Create<SquareWorker>()));
    }

    [Fact]
    public void Arguments_that_serialize_pass_and_one_that_does_not_is_named_with_its_position_and_type()
    {
        Assert.Empty(DeploymentCheck.Problems(Sys, Props.Create(() => new NeedsArgumentWorker(3))));
        Assert.Empty(DeploymentCheck.Problems(Sys, Props.Create(() => new CounterLikeWorker(TestActor, "name"))));

        var problem = Assert.Single(DeploymentCheck.Problems(Sys, Props.Create(() => new UnboundArgumentWorker(new Unbound(1)))));

        Assert.StartsWith("constructor argument 1 of UnboundArgumentWorker (Unbound) cannot be sent to worker nodes: ", problem);
    }

    [Fact]
    public void A_result_type_that_cannot_travel_back_is_named_with_the_fix()
    {
        Assert.Equal(["type ActorPar.Tests.Messaging.Unbound cannot cross the network (it is bound to no serializer): " +
                      "implement IActorParMessage or list \"ActorPar.Tests.Messaging.Unbound, ActorPar.Tests\" in actorpar.serialization.types"],
            DeploymentCheck.Problems(Sys, Props.Create<UnboundResultWorker>()));
    }

    [Fact]
    public void An_actor_that_is_not_a_worker_is_refused()
    {
        Assert.Equal(["ActorPar.Tests.Workers.NotAWorker is not a worker: derive it from ActorPar.Workers.Worker<TInput, TResult>"],
            DeploymentCheck.Problems(Sys, Props.Create<NotAWorker>()));
    }
}
