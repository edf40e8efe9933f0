using ActorPar.Hosting;
using ActorPar.Tests.Support;
using ActorPar.Workers;
using Xunit;

namespace ActorPar.Tests.Workers;

/// <summary>A worker with no parameterless constructor: it cannot be created from its name alone.</summary>
public sealed class NeedsArgumentWorker(int factor) : Worker<int, int>
{
    protected override int Process(int input) => input * factor;
}

/// <summary>Naming a worker in configuration: what is found, and the one line for each way it can be wrong.</summary>
public sealed class WorkerTypeSpec
{
    [Fact]
    public void A_worker_named_with_its_assembly_is_found_with_its_input_and_result_types()
    {
        var worker = WorkerType.Resolve("ActorPar.Tests.Support.SquareWorker, ActorPar.Tests");

        Assert.Equal(new WorkerType(typeof(SquareWorker), typeof(Job), typeof(long)), worker);
    }

    [Fact]
    public void A_worker_named_without_its_assembly_is_looked_for_in_the_assemblies_already_loaded()
    {
        Assert.Equal(typeof(SquareWorker), WorkerType.Resolve("ActorPar.Tests.Support.SquareWorker").Type);
    }

    [Theory]
    [InlineData("", "no worker type given: set actorpar.worker.type or pass --worker-type \"Namespace.Type, Assembly\"")]
    [InlineData("ActorPar.Tests.Support.Missing, ActorPar.Tests", "worker type 'ActorPar.Tests.Support.Missing, ActorPar.Tests' not found: assembly ActorPar.Tests has no type ActorPar.Tests.Support.Missing")]
    [InlineData("Some.Worker, NotLoaded", "worker type 'Some.Worker, NotLoaded' not found: assembly NotLoaded is not loaded; give its .dll with --worker-assembly PATH.dll")]
    [InlineData("Some.Worker", "worker type 'Some.Worker' not found in any loaded assembly: load its assembly with --worker-assembly PATH.dll")]
    [InlineData("ActorPar.Tests.Support.Job, ActorPar.Tests", "ActorPar.Tests.Support.Job is not a worker: derive it from ActorPar.Workers.Worker<TInput, TResult>")]
    [InlineData("ActorPar.Workers.Worker, ActorPar", "ActorPar.Workers.Worker is not a worker: derive it from ActorPar.Workers.Worker<TInput, TResult>")]
    [InlineData("ActorPar.Tests.Workers.NeedsArgumentWorker, ActorPar.Tests", "worker type ActorPar.Tests.Workers.NeedsArgumentWorker cannot be constructed: a worker named in configuration needs a public parameterless constructor")]
    public void A_worker_type_that_is_missing_or_not_a_worker_or_not_constructible_is_one_line(string name, string error)
    {
        Assert.Equal(error, Assert.Throws<NodeStartException>(() => WorkerType.Resolve(name)).Message);
    }
}
