using System.Runtime.Serialization;
using ActorPar.Chunks;
using ActorPar.Coordination;
using ActorPar.Messaging;
using ActorPar.Tests.Support;
using Akka.Actor;
using Akka.Serialization;
using Xunit;

namespace ActorPar.Tests.Messaging;

/// <summary>A record that opted in to nothing: it must never cross the network.</summary>
public sealed record Unbound(int Value);

/// <summary>A user type bound to the actorpar serializer by configuration alone.</summary>
public sealed record BoundByConfig(string Name, double[] Values);

public sealed class ActorParSerializerSpec() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Strict("""
    akka.actor.serialization-bindings {
      "ActorPar.Tests.Messaging.BoundByConfig, ActorPar.Tests" = actorpar
    }
    """))
{
    private Serialization Serialization => Sys.Serialization;

    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = Serialization.FindSerializerFor(message);
        Assert.IsType<ActorParSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return (T)Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
    }

    private static Chunk ChunkOf(ChunkItems inputs) => new(10, [new PositionRun(100, inputs.Count)], inputs);

    public static TheoryData<IWorkerMessage> ProtocolMessages => new()
    {
        new Welcome(7, 3),
        WorkAvailable.Instance,
        new RequestWork(2, LastBatch: 9, Holding: 1),
        new ChunkReturned(10, [new PositionRun(5, 3), new PositionRun(12, 1)]),
        new DropWork(UpTo: 42),
        Stop.Instance,
    };

    [Theory]
    [MemberData(nameof(ProtocolMessages))]
    public void Every_protocol_message_without_values_survives_a_round_trip_through_our_serializer(IWorkerMessage message)
    {
        var copy = RoundTrip(message);

        Assert.Equal(message.GetType(), copy.GetType());
        if (message is ChunkReturned returned) Assert.Equal(returned.Runs, ((ChunkReturned)copy).Runs);
        else Assert.Equal(message, copy);
    }

    public static TheoryData<Array> TypedArrays => new()
    {
        new long[] { 1, -2, long.MaxValue },
        new[] { 1, 2, 3 },
        new[] { 1.5, double.NaN },
        new[] { "a", null, "ü" },
        new[] { true, false },
        new[] { new byte[] { 1, 2 }, null },
        new[] { new Job(12, "square", 5), new Job(13) },
    };

    [Theory]
    [MemberData(nameof(TypedArrays))]
    public void A_chunks_inputs_travel_as_one_typed_array_and_come_back_as_an_array_of_the_same_type(Array values)
    {
        var copy = RoundTrip(ChunkOf(new ArrayItems(values)));

        Assert.Equal((10L, new PositionRun(100, values.Length)), (copy.Number, Assert.Single(copy.Runs)));
        var items = Assert.IsType<ArrayItems>(copy.Inputs);
        Assert.Equal(values.GetType(), items.Values.GetType());
        Assert.Equal(values.Cast<object?>(), items.Values.Cast<object?>());
    }

    [Fact]
    public void A_range_of_numbers_travels_as_its_first_value_and_its_count()
    {
        var chunk = ChunkOf(new RangeItems(1_000_000, 50_000));

        var bytes = Serialization.FindSerializerFor(chunk).ToBinary(chunk);
        var copy = RoundTrip(chunk);

        Assert.True(bytes.Length < 32, $"{bytes.Length} bytes for a range");
        var range = Assert.IsType<RangeItems>(copy.Inputs);
        Assert.Equal((1_000_000L, 50_000), (range.First, range.Count));
    }

    [Fact]
    public void A_typed_array_carries_no_tag_per_element_only_what_MessagePack_writes_for_the_array_itself()
    {
        var values = Enumerable.Range(0, 1_000).Select(i => (long)i * 1_000_003).ToArray();
        var typed = ChunkOf(ChunkItems.Of(values));
        var tagged = ChunkOf(ChunkItems.Of(values.Cast<object?>().ToArray()));
        var serializer = Serialization.FindSerializerFor(typed);

        var typedBytes = serializer.ToBinary(typed).Length;
        var arrayBytes = MessagePack.MessagePackSerializer.Serialize(values).Length;

        Assert.InRange(typedBytes - arrayBytes, 0, 16); // the chunk's number, its run and the array's kind
        Assert.True(serializer.ToBinary(tagged).Length > typedBytes + values.Length, "an array of objects is tagged element by element");
    }

    [Fact]
    public void An_array_of_objects_of_several_types_travels_element_by_element_each_with_its_own_type()
    {
        object?[] values = [42, 7L, "text", null, 2.5, true, new Job(3)];

        var copy = RoundTrip(ChunkOf(ChunkItems.Of(values)));

        Assert.Equal(values, ((ArrayItems)copy.Inputs).Values.Cast<object?>());
    }

    [Fact]
    public void A_chunks_report_carries_its_results_as_a_typed_array_and_its_failures_by_offset()
    {
        var done = new ChunkDone(10, [new PositionRun(100, 3)], 3, ChunkItems.Of(new[] { 1764L, 0L, 9L }),
            [new ElementFailure(1, "InvalidOperationException: boom")], 12.5, 1, Interrupted: false);

        var copy = RoundTrip(done);

        Assert.Equal((done.Number, done.Done, done.ElapsedMs, done.RequestMore, done.Interrupted), (copy.Number, copy.Done, copy.ElapsedMs, copy.RequestMore, copy.Interrupted));
        Assert.Equal(done.Runs, copy.Runs);
        Assert.Equal(new[] { 1764L, 0L, 9L }, copy.Results.AsArray<long>()!);
        Assert.Equal(done.Failures, copy.Failures);
    }

    [Fact]
    public void Messages_without_data_stay_singletons()
    {
        Assert.Same(WorkAvailable.Instance, RoundTrip(WorkAvailable.Instance));
        Assert.Same(Stop.Instance, RoundTrip(Stop.Instance));
    }

    [Fact]
    public void A_users_type_bound_in_configuration_travels_with_no_change_to_ActorPar()
    {
        var original = new BoundByConfig("series", [1.5, 2.5]);

        var copy = (BoundByConfig)RoundTrip(ChunkOf(ChunkItems.Of(new[] { original }))).Inputs.Get(0)!;

        Assert.Equal(original.Name, copy.Name);
        Assert.Equal(original.Values, copy.Values);
    }

    [Fact]
    public void A_type_bound_to_nothing_fails_loudly_instead_of_travelling_as_JSON()
    {
        var error = Assert.ThrowsAny<SerializationException>(() => Serialization.FindSerializerFor(new Unbound(1)));
        Assert.Contains("allow-unregistered-types", error.Message);

        var serializer = Serialization.FindSerializerFor(WorkAvailable.Instance);
        var inChunk = Assert.ThrowsAny<SerializationException>(() => serializer.ToBinary(ChunkOf(ChunkItems.Of(new object?[] { new Unbound(1) }))));
        Assert.Contains(nameof(Unbound), inChunk.Message);
    }

    [Fact]
    public void A_chunk_whose_element_type_is_not_on_the_list_fails_loudly_naming_the_type()
    {
        var serializer = Serialization.FindSerializerFor(WorkAvailable.Instance);

        var error = Assert.ThrowsAny<Exception>(() => serializer.ToBinary(ChunkOf(ChunkItems.Of(new[] { new Unbound(1), new Unbound(2) }))));

        Assert.Contains(typeof(Unbound).FullName!, error.Message);
    }

    [Fact]
    public void A_typed_chunk_whose_manifest_names_a_type_that_did_not_opt_in_is_refused()
    {
        // chunk 1 at task 0: [1, [0, 1], [kind 2 = typed, manifest, [...]]]
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        var msgpack = new MessagePack.MessagePackWriter(writer);
        msgpack.WriteArrayHeader(3);
        msgpack.Write(1L);
        msgpack.WriteArrayHeader(2);
        msgpack.Write(0L);
        msgpack.Write(1);
        msgpack.WriteArrayHeader(3);
        msgpack.Write((byte)2);
        msgpack.Write("System.Diagnostics.Process, System.Diagnostics.Process");
        msgpack.WriteArrayHeader(1);
        msgpack.WriteNil();
        msgpack.Flush();
        var serializer = (SerializerWithStringManifest)Serialization.FindSerializerFor(WorkAvailable.Instance);

        var error = Assert.ThrowsAny<SerializationException>(() => serializer.FromBinary(writer.WrittenSpan.ToArray(), "K"));

        Assert.Contains("refuses", error.Message);
    }

    [Fact]
    public void A_manifest_naming_a_type_that_did_not_opt_in_is_refused()
    {
        var serializer = (SerializerWithStringManifest)Serialization.FindSerializerFor(WorkAvailable.Instance);
        var bytes = serializer.ToBinary(new Job(1));

        var error = Assert.ThrowsAny<SerializationException>(() =>
            serializer.FromBinary(bytes, "System.Diagnostics.Process, System.Diagnostics.Process"));

        Assert.Contains("refuses", error.Message);
    }

    [Fact]
    public void A_payload_that_claims_to_be_JSON_is_refused()
    {
        // chunk 1 of one element, tagged, whose input is [tag 8 = nested, [serializer 1 = Newtonsoft JSON, manifest, bytes]]
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        var msgpack = new MessagePack.MessagePackWriter(writer);
        msgpack.WriteArrayHeader(3);
        msgpack.Write(1L);
        msgpack.WriteArrayHeader(2);
        msgpack.Write(0L);
        msgpack.Write(1);
        msgpack.WriteArrayHeader(2);
        msgpack.Write((byte)3);
        msgpack.WriteArrayHeader(1);
        msgpack.WriteArrayHeader(2);
        msgpack.Write((byte)8);
        msgpack.WriteArrayHeader(3);
        msgpack.Write(1);
        msgpack.Write("System.Object");
        msgpack.Write("{\"$type\":\"System.Object\"}"u8.ToArray());
        msgpack.Flush();
        var serializer = (SerializerWithStringManifest)Serialization.FindSerializerFor(WorkAvailable.Instance);

        var error = Assert.ThrowsAny<SerializationException>(() => serializer.FromBinary(writer.WrittenSpan.ToArray(), "K"));

        Assert.Contains("JSON", error.Message);
    }
}
