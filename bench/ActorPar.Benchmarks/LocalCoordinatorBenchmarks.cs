using ActorPar.Coordination;
using ActorPar.Hosting;
using ActorPar.Workers;
using Akka.Actor;
using Akka.Configuration;
using Akka.Routing;
using BenchmarkDotNet.Attributes;

namespace ActorPar.Benchmarks;

/// <summary>
/// The real coordinator and worker actors in one process, with no network: a job of trivial
/// tasks from SubmitJob to JobCompleted through a pool of two workers. This is the dispatch
/// path's cost apart from serialization and remoting (time per op is the whole job).
/// </summary>
[MemoryDiagnoser]
public class LocalCoordinatorBenchmarks
{
    private ActorSystem _system = null!;
    private IActorRef _coordinator = null!;

    [Params(100_000)]
    public int Tasks { get; set; }

    [Params(1, 4096)]
    public int MaxBatch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var config = ConfigurationFactory.ParseString("akka.actor.provider = local\nakka.loglevel = WARNING").WithFallback(NodeConfig.Load("worker"));
        _system = ActorSystem.Create("bench", config);
        var settings = CoordinatorSettings.From(ConfigurationFactory.ParseString(
            $"actorpar.coordinator {{ workers = 2, chunk.max-size = {MaxBatch} }}").WithFallback(NodeConfig.Load("coordinator")));
        var router = Props.Create<EchoWorker>().WithRouter(new RoundRobinPool(2));
        _coordinator = _system.ActorOf(Coordinator.Props(settings, router), "coordinator");
        _coordinator.Ask<CoordinatorReady>(NotifyWhenReady.Instance, TimeSpan.FromSeconds(10)).Wait();
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark]
    public async Task<long> Job_to_completion()
    {
        var (listener, events) = ChannelListener.Create(_system);
        _coordinator.Tell(new SubmitJob("bench", ActorPar.Chunks.JobInputs.Range(0, Tasks), listener));
        long results = 0;
        await foreach (var message in events.ReadAllAsync())
        {
            if (message is ResultsReady ready) results += ready.Count;
            else if (message is JobCompleted) break;
        }
        _system.Stop(listener);
        return results;
    }

    /// <summary>A worker whose task returns its input.</summary>
    public sealed class EchoWorker : Worker<long, long>
    {
        protected override long Process(long x) => x;
    }
}
