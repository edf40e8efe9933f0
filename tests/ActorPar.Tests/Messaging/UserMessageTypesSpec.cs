using ActorPar.Hosting;
using ActorPar.Messaging;
using ActorPar.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Xunit;

namespace ActorPar.Tests.Messaging;

/// <summary>A user's input type that knows nothing of ActorPar: it travels because configuration lists it.</summary>
public sealed record Listed(string Word, int[] Counts);

/// <summary>A record MessagePack could write but not rebuild: its only constructor is private.</summary>
public sealed record PrivatelyBuilt
{
    private PrivatelyBuilt(int value) => Value = value;
    public int Value { get; init; }
    public static PrivatelyBuilt Of(int value) => new(value);
}

/// <summary>actorpar.serialization.types: the allowlist of users' own types, bound to our serializer by configuration alone.</summary>
public sealed class UserMessageTypesSpec() : Akka.TestKit.Xunit2.TestKit(UserMessageTypes.Bind(TestConfigs.Strict("""
    actorpar.serialization.types = ["ActorPar.Tests.Messaging.Listed, ActorPar.Tests"]
    """)))
{
    [Fact]
    public void A_listed_type_travels_through_the_actorpar_serializer_and_comes_back_equal()
    {
        var message = new Listed("actor", [1, 2, 3]);
        var serializer = Sys.Serialization.FindSerializerFor(message);

        var copy = (Listed)Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Serialization.ManifestFor(serializer, message));

        Assert.IsType<ActorParSerializer>(serializer);
        Assert.Equal(message.Word, copy.Word);
        Assert.Equal(message.Counts, copy.Counts);
    }

    [Fact]
    public void A_listed_type_passes_the_check_and_an_unlisted_one_is_named_with_the_fix()
    {
        Assert.Null(WireTypes.Get(Sys).Problem(typeof(Listed)));
        Assert.Equal("type ActorPar.Tests.Messaging.Unbound cannot cross the network (it is bound to no serializer): " +
                     "implement IActorParMessage or list \"ActorPar.Tests.Messaging.Unbound, ActorPar.Tests\" in actorpar.serialization.types",
            WireTypes.Get(Sys).Problem(typeof(Unbound)));
    }

    [Fact]
    public void Configuration_alone_tells_a_listed_or_marked_type_from_one_that_cannot_travel_before_any_node_starts()
    {
        var config = Sys.Settings.Config;

        Assert.Null(WireTypes.ConfigProblem(config, typeof(Listed)));
        Assert.Null(WireTypes.ConfigProblem(config, typeof(Job))); // implements IActorParMessage
        Assert.Null(WireTypes.ConfigProblem(config, typeof(long)));
        Assert.Equal(WireTypes.Get(Sys).Problem(typeof(Unbound)), WireTypes.ConfigProblem(config, typeof(Unbound)));
    }

    [Fact]
    public void A_listed_type_that_does_not_exist_stops_the_node_with_one_line()
    {
        var config = ConfigurationFactory.ParseString("""actorpar.serialization.types = ["No.Such, Type"]""");

        var error = Assert.Throws<NodeStartException>(() => UserMessageTypes.Resolve(config));

        Assert.Equal("actorpar.serialization.types: type 'No.Such, Type' not found; write it as \"Namespace.Type, Assembly\" and load its assembly with --worker-assembly", error.Message);
    }

    [Fact]
    public void A_listed_type_with_only_a_private_constructor_is_refused_because_the_other_node_could_not_rebuild_it()
    {
        var config = ConfigurationFactory.ParseString("""actorpar.serialization.types = ["ActorPar.Tests.Messaging.PrivatelyBuilt, ActorPar.Tests"]""");

        var error = Assert.Throws<NodeStartException>(() => UserMessageTypes.Resolve(config));

        Assert.StartsWith("actorpar.serialization.types: type ActorPar.Tests.Messaging.PrivatelyBuilt has no public constructor", error.Message);
    }

    [Fact]
    public void A_type_named_by_the_network_that_is_not_listed_is_never_created()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(Listed));
        var bytes = serializer.ToBinary(new Listed("x", []));

        Assert.Throws<System.Runtime.Serialization.SerializationException>(() =>
            serializer.FromBinary(bytes, "ActorPar.Tests.Messaging.Unbound, ActorPar.Tests"));
    }
}
