using System.Buffers;
using System.Reflection;
using System.Runtime.Serialization;
using ActorPar.Chunks;
using ActorPar.Coordination;
using Akka.Actor;
using Akka.Serialization;
using MessagePack;

namespace ActorPar.Messaging;

/// <summary>
/// The serializer for everything ActorPar sends between nodes, bound to
/// <see cref="IActorParMessage"/> in hocon/common.conf.
/// We chose MessagePack over Protocol Buffers because users' own input and result records
/// must travel with no schema file and no code generation: MessagePack's contract-less
/// resolver writes any public record, while our protocol messages are written by hand as
/// compact arrays behind one-letter manifests. Manifests, not CLR type names from the wire,
/// pick what is created, and only from <see cref="MessageTypeRegistry"/>.
/// </summary>
public sealed class ActorParSerializer : SerializerWithStringManifest
{
    /// <summary>Our serializer id; Akka reserves 0-100 for its own.</summary>
    public const int Id = 4711;

    private const string WelcomeManifest = "W";
    private const string WorkAvailableManifest = "A";
    private const string RequestWorkManifest = "R";
    private const string ChunkManifest = "K";
    private const string ChunkDoneManifest = "D";
    private const string ChunkReturnedManifest = "B";
    private const string DropWorkManifest = "X";
    private const string StopManifest = "S";

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;

    private readonly MessageTypeRegistry _types;
    private readonly ChunkItemsCodec _items;

    /// <summary>The serializer of <paramref name="system"/>, created by Akka from the configuration.</summary>
    public ActorParSerializer(ExtendedActorSystem system) : base(system)
    {
        _types = new MessageTypeRegistry(system.Settings.Config.GetConfig("akka.actor.serialization-bindings"), "actorpar");
        _items = new ChunkItemsCodec(system, _types, new PayloadCodec(system, _types, Id));
        WarmUp.Value.GetHashCode();
    }

    /// <summary>
    /// MessagePack writes a record type the first time with code it emits at run time, and
    /// the very first one also builds its dynamic assembly: a few hundred milliseconds that
    /// would otherwise land on a job's first task. One round trip when the node starts pays it.
    /// </summary>
    private static readonly Lazy<object> WarmUp = new(() =>
        MessagePackSerializer.Deserialize<IndexRange>(MessagePackSerializer.Serialize(new IndexRange(0, 1), PayloadCodec.Options), PayloadCodec.Options));

    /// <summary>
    /// Every other type that opted in gets its formatter written the same way the first time
    /// it travels: some tens of milliseconds each, which used to land on a job's first task
    /// (the coordinator writing the first input, a worker reading it). These prepare them
    /// ahead: <see cref="PrepareFormatters"/> for the types a job will send, and
    /// <see cref="PrepareFormattersInBackground"/> for every opted-in type of the assemblies
    /// loaded by then that reference ActorPar, on a background thread (a worker node calls it
    /// once it has joined, while it waits for its workers and their first task). A type not
    /// prepared is prepared on first use, as before.
    /// </summary>
    public static Task PrepareFormattersInBackground() => PreparedFormatters.Value;

    private static readonly Lazy<Task> PreparedFormatters = new(() => Task.Run(() => PrepareFormatters(OptedInTypes())));

    /// <inheritdoc cref="PrepareFormattersInBackground"/>
    public static void PrepareFormatters(IEnumerable<Type> types)
    {
        foreach (var type in types)
        {
            if (type is not { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } || !typeof(IActorParMessage).IsAssignableFrom(type)) continue;
            try
            {
                // null travels as nil: this builds the type's formatter and serializer delegates without an instance.
                MessagePackSerializer.Deserialize(type, MessagePackSerializer.Serialize(type, (object?)null, PayloadCodec.Options), PayloadCodec.Options);
            }
            catch (Exception)
            {
                // A type MessagePack cannot write fails on first use with its own message, as it did before.
            }
        }
    }

    private static IEnumerable<Type> OptedInTypes()
    {
        var own = typeof(IActorParMessage).Assembly;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic || (assembly != own && assembly.GetReferencedAssemblies().All(a => a.Name != own.GetName().Name))) continue;
            Type?[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types;
            }
            foreach (var type in types)
                if (type is not null) yield return type;
        }
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        Welcome => WelcomeManifest,
        WorkAvailable => WorkAvailableManifest,
        RequestWork => RequestWorkManifest,
        Chunk => ChunkManifest,
        ChunkDone => ChunkDoneManifest,
        ChunkReturned => ChunkReturnedManifest,
        DropWork => DropWorkManifest,
        Stop => StopManifest,
        _ => _types.ManifestOf(o.GetType()),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, obj);
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 8 << 20) _buffer = null; // keep a buffer the size of a big chunk's results, not of a runaway one
        return bytes;
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new MessagePackReader(bytes);
        try
        {
            return Read(ref reader, manifest);
        }
        catch (MessagePackSerializationException e)
        {
            throw new SerializationException($"ActorPar could not read a '{manifest}' message: {e.Message}", e);
        }
    }

    private void Write(ref MessagePackWriter writer, object obj)
    {
        switch (obj)
        {
            case WorkAvailable or Stop:
                writer.WriteNil();
                return;
            case Welcome welcome:
                writer.WriteArrayHeader(2);
                writer.Write(welcome.WorkerId);
                writer.Write(welcome.Credit);
                return;
            case RequestWork request:
                writer.WriteArrayHeader(3);
                writer.Write(request.Credit);
                writer.Write(request.LastBatch);
                writer.Write(request.Holding);
                return;
            case Chunk chunk:
                writer.WriteArrayHeader(3);
                writer.Write(chunk.Number);
                WriteRuns(ref writer, chunk.Runs);
                _items.Write(ref writer, chunk.Inputs);
                return;
            case ChunkDone done:
                writer.WriteArrayHeader(8);
                writer.Write(done.Number);
                WriteRuns(ref writer, done.Runs);
                writer.Write(done.Done);
                writer.Write(done.ElapsedMs);
                writer.Write(done.RequestMore);
                writer.Write(done.Interrupted);
                _items.Write(ref writer, done.Results);
                writer.WriteArrayHeader(done.Failures.Length);
                foreach (var failure in done.Failures)
                {
                    writer.WriteArrayHeader(2);
                    writer.Write(failure.Offset);
                    writer.Write(failure.Error);
                }
                return;
            case ChunkReturned returned:
                writer.WriteArrayHeader(2);
                writer.Write(returned.Number);
                WriteRuns(ref writer, returned.Runs);
                return;
            case DropWork drop:
                writer.WriteArrayHeader(1);
                writer.Write(drop.UpTo);
                return;
            default:
                MessagePackSerializer.Serialize(obj.GetType(), ref writer, obj, PayloadCodec.Options);
                return;
        }
    }

    private object Read(ref MessagePackReader reader, string manifest)
    {
        switch (manifest)
        {
            case WorkAvailableManifest:
                return WorkAvailable.Instance;
            case StopManifest:
                return Stop.Instance;
            case WelcomeManifest:
                reader.ReadArrayHeader();
                return new Welcome(reader.ReadInt32(), reader.ReadInt32());
            case RequestWorkManifest:
                reader.ReadArrayHeader();
                return new RequestWork(reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt32());
            case ChunkManifest:
            {
                reader.ReadArrayHeader();
                var number = reader.ReadInt64();
                var runs = ReadRuns(ref reader);
                return new Chunk(number, runs, _items.Read(ref reader));
            }
            case ChunkDoneManifest:
            {
                reader.ReadArrayHeader();
                var number = reader.ReadInt64();
                var runs = ReadRuns(ref reader);
                var done = reader.ReadInt32();
                var elapsed = reader.ReadDouble();
                var more = reader.ReadInt32();
                var interrupted = reader.ReadBoolean();
                var results = _items.Read(ref reader);
                var failures = new ElementFailure[reader.ReadArrayHeader()];
                for (var i = 0; i < failures.Length; i++)
                {
                    reader.ReadArrayHeader();
                    failures[i] = new ElementFailure(reader.ReadInt32(), reader.ReadString() ?? "");
                }
                return new ChunkDone(number, runs, done, results, failures, elapsed, more, interrupted);
            }
            case ChunkReturnedManifest:
            {
                reader.ReadArrayHeader();
                var number = reader.ReadInt64();
                return new ChunkReturned(number, ReadRuns(ref reader));
            }
            case DropWorkManifest:
                reader.ReadArrayHeader();
                return new DropWork(reader.ReadInt64());
            default:
                return MessagePackSerializer.Deserialize(_types.Resolve(manifest), ref reader, PayloadCodec.Options)
                    ?? throw new SerializationException($"ActorPar read null for '{manifest}'.");
        }
    }

    /// <summary>A chunk's runs, as [first, count, first, count, ...].</summary>
    private static void WriteRuns(ref MessagePackWriter writer, PositionRun[] runs)
    {
        writer.WriteArrayHeader(2 * runs.Length);
        foreach (var run in runs)
        {
            writer.Write(run.First);
            writer.Write(run.Count);
        }
    }

    private static PositionRun[] ReadRuns(ref MessagePackReader reader)
    {
        var length = reader.ReadArrayHeader();
        if (length % 2 != 0) throw new MessagePackSerializationException("A chunk's runs come in pairs.");
        var runs = new PositionRun[length / 2];
        for (var i = 0; i < runs.Length; i++)
        {
            var first = reader.ReadInt64();
            var count = reader.ReadInt32();
            if (count < 0) throw new MessagePackSerializationException("A run cannot hold fewer than no positions.");
            runs[i] = new PositionRun(first, count);
        }
        return runs;
    }
}
