using ActorPar.Coordination;
using ActorPar.Hosting;
using ActorPar.Messaging;
using Akka.Actor;
using Akka.Configuration;
using BenchmarkDotNet.Attributes;

namespace ActorPar.Benchmarks;

/// <summary>
/// What every batch costs on the wire: ActorParSerializer writing and reading a Batch
/// (coordinator to worker) and a BatchDone batch (worker to coordinator) of long tasks, alone
/// and in a batch of a thousand. Per-task cost is the batch's time over its size.
/// </summary>
[MemoryDiagnoser]
public class SerializerBenchmarks
{
    private ActorSystem _system = null!;
    private ActorParSerializer _serializer = null!;
    private Batch _work = null!;
    private BatchDone _done = null!;
    private byte[] _workBytes = null!;
    private byte[] _doneBytes = null!;

    [Params(1, 1000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var config = ConfigurationFactory.ParseString("akka.actor.provider = local").WithFallback(NodeConfig.Load("worker"));
        _system = ActorSystem.Create("bench", config);
        _serializer = new ActorParSerializer((ExtendedActorSystem)_system);
        _work = new Batch(Enumerable.Range(0, Tasks).Select(i => new TaskItem(1_000_000 + i, (long)i)).ToArray(), 42);
        _done = new BatchDone(Enumerable.Range(0, Tasks).Select(i => new TaskOutcome(1_000_000 + i, (long)i * i, null)).ToArray(), 12.5, 1, 42);
        _workBytes = _serializer.ToBinary(_work);
        _doneBytes = _serializer.ToBinary(_done);
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark]
    public byte[] Work_write() => _serializer.ToBinary(_work);

    [Benchmark]
    public object Work_read() => _serializer.FromBinary(_workBytes, _serializer.Manifest(_work));

    [Benchmark]
    public byte[] WorkDone_write() => _serializer.ToBinary(_done);

    [Benchmark]
    public object WorkDone_read() => _serializer.FromBinary(_doneBytes, _serializer.Manifest(_done));
}
