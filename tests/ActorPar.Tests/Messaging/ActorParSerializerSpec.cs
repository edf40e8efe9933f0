using System.Runtime.Serialization;
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

    public static TheoryData<IWorkerMessage> ProtocolMessages => new()
    {
        new Welcome(7, 3),
        WorkAvailable.Instance,
        new RequestWork(2, LastBatch: 9, Holding: 1),
        new Batch(Number: 10, Tasks: [new TaskItem(1, 42), new TaskItem(2, 7L), new TaskItem(3, "text"), new TaskItem(4, null), new TaskItem(5, 2.5), new TaskItem(6, true), new TaskItem(7, new byte[] { 1, 2 })]),
        new BatchDone([new TaskOutcome(1, 1764L, null), new TaskOutcome(2, null, "InvalidOperationException: boom")], 12.5, 1, Number: 10),
        new TasksReturned([5, 6, 7]),
        Stop.Instance,
    };

    [Theory]
    [MemberData(nameof(ProtocolMessages))]
    public void Every_protocol_message_survives_a_round_trip_through_our_serializer(IWorkerMessage message)
    {
        var copy = RoundTrip(message);

        Assert.Equal(message.GetType(), copy.GetType());
        switch (message)
        {
            case Batch work:
                var tasks = ((Batch)copy).Tasks;
                Assert.Equal(work.Tasks.Select(t => t.Id), tasks.Select(t => t.Id));
                Assert.Equal(work.Tasks.Select(t => t.Input), tasks.Select(t => t.Input));
                Assert.Equal(work.Number, ((Batch)copy).Number);
                break;
            case BatchDone done:
                Assert.Equal(done.Outcomes, ((BatchDone)copy).Outcomes);
                Assert.Equal(done.ElapsedMs, ((BatchDone)copy).ElapsedMs);
                Assert.Equal(done.RequestMore, ((BatchDone)copy).RequestMore);
                Assert.Equal(done.Number, ((BatchDone)copy).Number);
                break;
            case TasksReturned returned:
                Assert.Equal(returned.TaskIds, ((TasksReturned)copy).TaskIds);
                break;
            default:
                Assert.Equal(message, copy);
                break;
        }
    }

    [Fact]
    public void Messages_without_data_stay_singletons()
    {
        Assert.Same(WorkAvailable.Instance, RoundTrip(WorkAvailable.Instance));
        Assert.Same(Stop.Instance, RoundTrip(Stop.Instance));
    }

    [Fact]
    public void A_users_record_that_implements_the_marker_travels_inside_a_batch_with_its_type()
    {
        var work = new Batch([new TaskItem(1, new Job(12, "square", 5))]);

        var copy = RoundTrip(work);

        Assert.Equal(new Job(12, "square", 5), copy.Tasks[0].Input);
    }

    [Fact]
    public void A_users_type_bound_in_configuration_travels_with_no_change_to_ActorPar()
    {
        var original = new BoundByConfig("series", [1.5, 2.5]);

        var copy = (BoundByConfig)RoundTrip(new Batch([new TaskItem(1, original)])).Tasks[0].Input!;

        Assert.Equal(original.Name, copy.Name);
        Assert.Equal(original.Values, copy.Values);
    }

    [Fact]
    public void A_type_bound_to_nothing_fails_loudly_instead_of_travelling_as_JSON()
    {
        var error = Assert.ThrowsAny<SerializationException>(() => Serialization.FindSerializerFor(new Unbound(1)));
        Assert.Contains("allow-unregistered-types", error.Message);

        var serializer = Serialization.FindSerializerFor(new Batch([]));
        var inBatch = Assert.ThrowsAny<SerializationException>(() => serializer.ToBinary(new Batch([new TaskItem(1, new Unbound(1))])));
        Assert.Contains(nameof(Unbound), inBatch.Message);
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
        // batch 1 of one task whose input is [tag 8 = nested, [serializer 1 = Newtonsoft JSON, manifest, bytes]]
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        var msgpack = new MessagePack.MessagePackWriter(writer);
        msgpack.WriteArrayHeader(2);
        msgpack.Write(1L);
        msgpack.WriteArrayHeader(1);
        msgpack.WriteArrayHeader(2);
        msgpack.Write(1L);
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
