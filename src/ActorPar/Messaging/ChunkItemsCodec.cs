using ActorPar.Chunks;
using Akka.Actor;
using MessagePack;

namespace ActorPar.Messaging;

/// <summary>
/// Writes a chunk's values (<see cref="ChunkItems"/>) inside protocol messages, with no
/// per-element tag or boxing wherever that can be avoided:
/// <list type="bullet">
/// <item>a range of longs as <c>[0, first, count]</c>;</item>
/// <item>a typed array of a primitive (long, int, double, string, bool, byte[]) as <c>[1, code, array]</c>, with MessagePack's own array formatters;</item>
/// <item>a typed array of a type that opted in to the <c>actorpar</c> serializer as <c>[2, manifest, array]</c>: the manifest once per chunk, then the elements as that type;</item>
/// <item>anything else (an array of objects of several types, or of a type bound to another serializer) as <c>[3, [payload, ...]]</c>, each element tagged by <see cref="PayloadCodec"/>.</item>
/// </list>
/// An element type that may not travel fails loudly, naming it, on the sending side; on the
/// receiving side a manifest names only types of the closed list (<see cref="MessageTypeRegistry"/>).
/// </summary>
internal sealed class ChunkItemsCodec(ExtendedActorSystem system, MessageTypeRegistry types, PayloadCodec payloads)
{
    private enum Kind : byte { Range = 0, Primitive = 1, Typed = 2, Tagged = 3 }
    private enum Code : byte { Int64 = 1, Int32 = 2, Double = 3, String = 4, Boolean = 5, Bytes = 6 }

    public void Write(ref MessagePackWriter writer, ChunkItems items)
    {
        var options = PayloadCodec.Options;
        switch (items)
        {
            case RangeItems range:
                writer.WriteArrayHeader(3);
                writer.Write((byte)Kind.Range);
                writer.Write(range.First);
                writer.Write(range.Count);
                return;
            case ArrayItems { Values: var values }:
                var type = values.GetType().GetElementType()!;
                if (PrimitiveCode(type) is { } code)
                {
                    writer.WriteArrayHeader(3);
                    writer.Write((byte)Kind.Primitive);
                    writer.Write((byte)code);
                    switch (values)
                    {
                        case long[] longs: MessagePackSerializer.Serialize(ref writer, longs, options); break;
                        case int[] ints: MessagePackSerializer.Serialize(ref writer, ints, options); break;
                        case double[] doubles: MessagePackSerializer.Serialize(ref writer, doubles, options); break;
                        case string?[] strings: MessagePackSerializer.Serialize(ref writer, strings, options); break;
                        case bool[] bools: MessagePackSerializer.Serialize(ref writer, bools, options); break;
                        case byte[]?[] blobs: MessagePackSerializer.Serialize(ref writer, blobs, options); break;
                    }
                    return;
                }
                if (IsOurs(type))
                {
                    writer.WriteArrayHeader(3);
                    writer.Write((byte)Kind.Typed);
                    writer.Write(types.ManifestOf(type));
                    MessagePackSerializer.Serialize(values.GetType(), ref writer, values, options);
                    return;
                }
                writer.WriteArrayHeader(2);
                writer.Write((byte)Kind.Tagged);
                writer.WriteArrayHeader(values.Length);
                for (var i = 0; i < values.Length; i++) payloads.Write(ref writer, values.GetValue(i));
                return;
            default:
                throw new System.Runtime.Serialization.SerializationException($"ActorPar cannot write chunk values of kind {items.GetType().Name}.");
        }
    }

    public ChunkItems Read(ref MessagePackReader reader)
    {
        var options = PayloadCodec.Options;
        var length = reader.ReadArrayHeader();
        var kind = (Kind)reader.ReadByte();
        switch (kind)
        {
            case Kind.Range when length == 3:
                return new RangeItems(reader.ReadInt64(), reader.ReadInt32());
            case Kind.Primitive when length == 3:
                Array values = (Code)reader.ReadByte() switch
                {
                    Code.Int64 => (Array?)MessagePackSerializer.Deserialize<long[]>(ref reader, options),
                    Code.Int32 => MessagePackSerializer.Deserialize<int[]>(ref reader, options),
                    Code.Double => MessagePackSerializer.Deserialize<double[]>(ref reader, options),
                    Code.String => MessagePackSerializer.Deserialize<string?[]>(ref reader, options),
                    Code.Boolean => MessagePackSerializer.Deserialize<bool[]>(ref reader, options),
                    Code.Bytes => MessagePackSerializer.Deserialize<byte[]?[]>(ref reader, options),
                    var other => throw new MessagePackSerializationException($"Unknown primitive code {(byte)other}."),
                } ?? throw new MessagePackSerializationException("A chunk's array is nil.");
                return new ArrayItems(values);
            case Kind.Typed when length == 3:
            {
                var type = types.Resolve(reader.ReadString() ?? "");
                var array = MessagePackSerializer.Deserialize(type.MakeArrayType(), ref reader, options) as Array
                            ?? throw new MessagePackSerializationException("A chunk's array is nil.");
                return new ArrayItems(array);
            }
            case Kind.Tagged when length == 2:
            {
                var tagged = new object?[reader.ReadArrayHeader()];
                for (var i = 0; i < tagged.Length; i++) tagged[i] = payloads.Read(ref reader);
                return new ArrayItems(tagged);
            }
            default:
                throw new MessagePackSerializationException($"Unknown chunk values of kind {(byte)kind} with {length} fields.");
        }
    }

    private static Code? PrimitiveCode(Type type) =>
        type == typeof(long) ? Code.Int64 : type == typeof(int) ? Code.Int32 : type == typeof(double) ? Code.Double
        : type == typeof(string) ? Code.String : type == typeof(bool) ? Code.Boolean : type == typeof(byte[]) ? Code.Bytes : null;

    /// <summary>
    /// Whether the elements are written as their own type by this serializer. A concrete type
    /// bound to no serializer fails here, loudly, naming the type; object, interfaces and
    /// abstract types go element by element, each with its own type.
    /// </summary>
    private bool IsOurs(Type type)
    {
        if (type == typeof(object) || type.IsInterface || type.IsAbstract) return false;
        Akka.Serialization.Serializer serializer;
        try
        {
            serializer = system.Serialization.FindSerializerForType(type);
        }
        catch (Exception)
        {
            types.ManifestOf(type); // throws the one-line reason: not opted in
            throw;
        }
        return serializer is ActorParSerializer;
    }
}
