using ActorPar.Coordination;
using ActorPar.Hosting;
using ActorPar.Messaging;
using Akka.Actor;
using Akka.Configuration;
using BenchmarkDotNet.Attributes;

namespace ActorPar.Benchmarks;

/// <summary>
/// What every chunk costs on the wire: ActorParSerializer writing and reading a Chunk
/// (coordinator to worker) of long inputs and its ChunkDone (worker to coordinator), alone
/// and in a chunk of a thousand. Per-element cost is the chunk's time over its size.
/// </summary>
[MemoryDiagnoser]
public class SerializerBenchmarks
{
    private ActorSystem _system = null!;
    private ActorParSerializer _serializer = null!;
    private Chunk _work = null!;
    private ChunkDone _done = null!;
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
        _work = new Chunk(42, [new ActorPar.Chunks.PositionRun(1_000_000, Tasks)], ActorPar.Chunks.ChunkItems.Of(Enumerable.Range(0, Tasks).Select(i => (long)i).ToArray()));
        _done = new ChunkDone(42, _work.Runs, Tasks, ActorPar.Chunks.ChunkItems.Of(Enumerable.Range(0, Tasks).Select(i => (long)i * i).ToArray()), [], 12.5, 1);
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
