using System.Buffers;
using Akka.Actor;
using Akka.Serialization;
using MessagePack;
using MessagePack.Resolvers;

namespace ActorPar.Messaging;

/// <summary>
/// Writes the untyped task inputs and results that ride inside protocol messages.
/// Common primitives get a one-byte tag; types that opted in to ActorPar travel as
/// MessagePack maps with their manifest; anything bound to another Akka serializer is
/// nested with that serializer's id. A type bound to nothing makes Akka throw, because
/// hocon/common.conf turns the JSON fallback off.
/// </summary>
internal sealed class PayloadCodec(ExtendedActorSystem system, MessageTypeRegistry types, int ownSerializerId)
{
    private enum Tag : byte { Int32 = 1, Int64 = 2, Double = 3, String = 4, Boolean = 5, Bytes = 6, Typed = 7, Nested = 8 }

    /// <summary>The types written with a tag of their own, with no serializer and no binding: <see cref="WireTypes"/> asks here.</summary>
    internal static bool IsPrimitive(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(double) || type == typeof(string) || type == typeof(bool) || type == typeof(byte[]);

    /// <summary>Contract-less MessagePack for user records, with the limits meant for untrusted data.</summary>
    internal static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create(StandardResolver.Instance, ContractlessStandardResolver.Instance))
        .WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>Akka's Newtonsoft serializer, which would create whatever type the bytes name.</summary>
    private const int JsonSerializerId = 1;

    private Serialization Serialization => system.Serialization;

    public void Write(ref MessagePackWriter writer, object? value)
    {
        if (value is null) { writer.WriteNil(); return; }
        writer.WriteArrayHeader(2);
        switch (value)
        {
            case int i: writer.Write((byte)Tag.Int32); writer.Write(i); return;
            case long l: writer.Write((byte)Tag.Int64); writer.Write(l); return;
            case double d: writer.Write((byte)Tag.Double); writer.Write(d); return;
            case string s: writer.Write((byte)Tag.String); writer.Write(s); return;
            case bool b: writer.Write((byte)Tag.Boolean); writer.Write(b); return;
            case byte[] bytes: writer.Write((byte)Tag.Bytes); writer.Write(bytes); return;
        }

        var serializer = Serialization.FindSerializerFor(value);
        if (serializer.Identifier == ownSerializerId)
        {
            writer.Write((byte)Tag.Typed);
            writer.WriteArrayHeader(2);
            var type = value.GetType();
            writer.Write(types.ManifestOf(type));
            MessagePackSerializer.Serialize(type, ref writer, value, Options);
            return;
        }

        writer.Write((byte)Tag.Nested);
        writer.WriteArrayHeader(3);
        writer.Write(serializer.Identifier);
        writer.Write(Akka.Serialization.Serialization.ManifestFor(serializer, value));
        writer.Write(serializer.ToBinary(value));
    }

    public object? Read(ref MessagePackReader reader)
    {
        if (reader.TryReadNil()) return null;
        if (reader.ReadArrayHeader() != 2) throw new MessagePackSerializationException("A payload is a [tag, value] pair.");
        var tag = (Tag)reader.ReadByte();
        switch (tag)
        {
            case Tag.Int32: return reader.ReadInt32();
            case Tag.Int64: return reader.ReadInt64();
            case Tag.Double: return reader.ReadDouble();
            case Tag.String: return reader.ReadString();
            case Tag.Boolean: return reader.ReadBoolean();
            case Tag.Bytes: return reader.ReadBytes() is { } blob ? blob.ToArray() : null;
            case Tag.Typed:
            {
                reader.ReadArrayHeader();
                var type = types.Resolve(reader.ReadString()!);
                return MessagePackSerializer.Deserialize(type, ref reader, Options);
            }
            case Tag.Nested:
            {
                reader.ReadArrayHeader();
                var id = reader.ReadInt32();
                if (id == JsonSerializerId)
                    throw new MessagePackSerializationException("ActorPar refuses JSON payloads: JSON names CLR types on the wire.");
                var manifest = reader.ReadString() ?? "";
                var bytes = reader.ReadBytes() is { } raw ? raw.ToArray() : [];
                return Serialization.Deserialize(bytes, id, manifest);
            }
            default: throw new MessagePackSerializationException($"Unknown payload tag {(byte)tag}.");
        }
    }
}
