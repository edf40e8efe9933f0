using System.Buffers;
using System.Reflection;
using System.Runtime.Serialization;
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
    private const string BatchManifest = "K";
    private const string BatchDoneManifest = "D";
    private const string TasksReturnedManifest = "B";
    private const string StopManifest = "S";

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;

    private readonly MessageTypeRegistry _types;
    private readonly PayloadCodec _payloads;

    /// <summary>The serializer of <paramref name="system"/>, created by Akka from the configuration.</summary>
    public ActorParSerializer(ExtendedActorSystem system) : base(system)
    {
        _types = new MessageTypeRegistry(system.Settings.Config.GetConfig("akka.actor.serialization-bindings"), "actorpar");
        _payloads = new PayloadCodec(system, _types, Id);
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
        Batch => BatchManifest,
        BatchDone => BatchDoneManifest,
        TasksReturned => TasksReturnedManifest,
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
        if (buffer.Capacity > 1 << 20) _buffer = null; // do not pin one huge batch's buffer forever
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
            case Batch batch:
                writer.WriteArrayHeader(2);
                writer.Write(batch.Number);
                writer.WriteArrayHeader(batch.Tasks.Count);
                foreach (var task in batch.Tasks)
                {
                    writer.WriteArrayHeader(2);
                    writer.Write(task.Id);
                    _payloads.Write(ref writer, task.Input);
                }
                return;
            case BatchDone done:
                writer.WriteArrayHeader(4);
                writer.Write(done.Number);
                writer.Write(done.ElapsedMs);
                writer.Write(done.RequestMore);
                writer.WriteArrayHeader(done.Outcomes.Count);
                foreach (var outcome in done.Outcomes)
                {
                    writer.WriteArrayHeader(3);
                    writer.Write(outcome.Id);
                    _payloads.Write(ref writer, outcome.Result);
                    writer.Write(outcome.Error);
                }
                return;
            case TasksReturned returned:
                writer.WriteArrayHeader(returned.TaskIds.Count);
                foreach (var id in returned.TaskIds) writer.Write(id);
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
            case BatchManifest:
            {
                reader.ReadArrayHeader();
                var number = reader.ReadInt64();
                var tasks = new TaskItem[reader.ReadArrayHeader()];
                for (var i = 0; i < tasks.Length; i++)
                {
                    reader.ReadArrayHeader();
                    tasks[i] = new TaskItem(reader.ReadInt64(), _payloads.Read(ref reader));
                }
                return new Batch(tasks, number);
            }
            case BatchDoneManifest:
            {
                reader.ReadArrayHeader();
                var doneBatch = reader.ReadInt64();
                var elapsed = reader.ReadDouble();
                var more = reader.ReadInt32();
                var outcomes = new TaskOutcome[reader.ReadArrayHeader()];
                for (var i = 0; i < outcomes.Length; i++)
                {
                    reader.ReadArrayHeader();
                    outcomes[i] = new TaskOutcome(reader.ReadInt64(), _payloads.Read(ref reader), reader.ReadString());
                }
                return new BatchDone(outcomes, elapsed, more, doneBatch);
            }
            case TasksReturnedManifest:
            {
                var ids = new long[reader.ReadArrayHeader()];
                for (var i = 0; i < ids.Length; i++) ids[i] = reader.ReadInt64();
                return new TasksReturned(ids);
            }
            default:
                return MessagePackSerializer.Deserialize(_types.Resolve(manifest), ref reader, PayloadCodec.Options)
                    ?? throw new SerializationException($"ActorPar read null for '{manifest}'.");
        }
    }
}
