using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPar.Messaging;

/// <summary>
/// The one answer to "can values of this type travel between nodes?". A running node asks
/// <see cref="Problem"/> (its serializers decide, and the answer is kept per type); a program
/// that has not started a node yet asks <see cref="ConfigProblem"/> of its configuration. The
/// types that travel as they are, with no binding, are <see cref="PayloadCodec"/>'s primitives.
/// A problem is one line that says what is wrong and how to fix it; null means it travels.
/// </summary>
public sealed class WireTypes : IExtension
{
    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<Type, string?> _problems = new();
    private readonly Func<Type, string?> _check;

    private WireTypes(ActorSystem system)
    {
        _system = system;
        _check = Check;
    }

    /// <summary>The extension of <paramref name="system"/>.</summary>
    public static WireTypes Get(ActorSystem system) => system.WithExtension<WireTypes, WireTypesProvider>();

    /// <summary>int, long, double, string, bool and byte[]: written as they are, in every payload.</summary>
    public static bool IsPrimitive(Type type) => PayloadCodec.IsPrimitive(type);

    /// <summary>Whether values of <paramref name="type"/> can cross the network from this node; null when they can.</summary>
    /// <remarks>Asked for every task's input and result, so the primitives answer before any lookup.</remarks>
    public string? Problem(Type type) => PayloadCodec.IsPrimitive(type) ? null : _problems.GetOrAdd(type, _check);

    private string? Check(Type type)
    {
        if (Always(type)) return null;
        try
        {
            return _system.Serialization.FindSerializerForType(type) is ActorParSerializer ? ConstructorProblem(type) : null;
        }
        catch (Exception e)
        {
            return e.Message.StartsWith("No serializer binding", StringComparison.Ordinal)
                ? Unbound(type)
                : $"type {type.FullName} cannot cross the network ({e.Message.Split('\n')[0].Trim()})";
        }
    }

    /// <summary>
    /// Whether <paramref name="value"/> itself survives the trip: written by the serializer its
    /// type is bound to and read back. Null when it does; else why not, in one line.
    /// </summary>
    public string? RoundTripProblem(object? value)
    {
        if (value is null) return null;
        if (value is Delegate) return "it is a delegate (a closure), which holds code and state of this process";
        try
        {
            var serializer = _system.Serialization.FindSerializerFor(value);
            var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, value);
            _system.Serialization.Deserialize(serializer.ToBinary(value), serializer.Identifier, manifest);
            return null;
        }
        catch (Exception e)
        {
            return e.Message.Split('\n')[0].Trim();
        }
    }

    /// <summary>
    /// The same question answered from configuration alone, before any node starts: is the
    /// type primitive, marked <see cref="IActorParMessage"/>, or bound (itself or a base type)
    /// in <c>akka.actor.serialization-bindings</c>, where <see cref="UserMessageTypes"/> puts
    /// the listed types?
    /// </summary>
    public static string? ConfigProblem(Config config, Type type)
    {
        if (Always(type)) return null;
        if (typeof(IActorParMessage).IsAssignableFrom(type)) return ConstructorProblem(type);
        var bindings = config.HasPath("akka.actor.serialization-bindings") ? config.GetConfig("akka.actor.serialization-bindings").AsEnumerable() : [];
        foreach (var (name, serializer) in bindings)
        {
            // Akka's own System.Object binding is its JSON fallback, which hocon/common.conf turns off.
            if (Type.GetType(name, throwOnError: false) is not { } bound || bound == typeof(object) || !bound.IsAssignableFrom(type)) continue;
            return serializer.GetString() == "actorpar" ? ConstructorProblem(type) : null;
        }
        return Unbound(type);
    }

    /// <summary>Whether <paramref name="type"/> must be listed in <see cref="UserMessageTypes.Key"/> to travel.</summary>
    public static bool NeedsListing(Type type) => !Always(type) && !typeof(IActorParMessage).IsAssignableFrom(type);

    /// <summary>
    /// MessagePack's contract-less resolver rebuilds a record through a public constructor
    /// whose parameters match its properties; a type with only private constructors would be
    /// written and then fail to read on the other node.
    /// </summary>
    public static string? ConstructorProblem(Type type)
    {
        if (type.IsValueType || Always(type) || type.GetConstructors().Length > 0) return null;
        return $"type {type.FullName} has no public constructor, so the receiving node cannot rebuild it: " +
               "give it one (a positional record's own constructor is public: record Input(long N))";
    }

    /// <summary>Primitives travel as they are; object, interfaces and abstract types say nothing until a value shows its type.</summary>
    private static bool Always(Type type) => IsPrimitive(type) || type == typeof(object) || type.IsInterface || type.IsAbstract;

    private static string Unbound(Type type) =>
        $"type {type.FullName} cannot cross the network (it is bound to no serializer): " +
        $"implement {nameof(IActorParMessage)} or list \"{type.FullName}, {type.Assembly.GetName().Name}\" in {UserMessageTypes.Key}";

    private sealed class WireTypesProvider : ExtensionIdProvider<WireTypes>
    {
        public override WireTypes CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
