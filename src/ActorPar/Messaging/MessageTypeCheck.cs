using Akka.Actor;

namespace ActorPar.Messaging;

/// <summary>
/// Says, before a job starts, why a type of task input or result could not travel between
/// nodes: bound to no serializer, or a type our MessagePack serializer could write but not
/// rebuild on the other side. Better one clear line at start than tasks failing one by one.
/// </summary>
public static class MessageTypeCheck
{
    private static readonly HashSet<Type> Primitives = [typeof(int), typeof(long), typeof(double), typeof(string), typeof(bool), typeof(byte[])];

    /// <summary>The types every node sends as they are, with no serializer and no binding.</summary>
    public static bool IsPrimitive(Type type) => Primitives.Contains(type);

    /// <summary>Null when values of <paramref name="type"/> can cross the network; else what is wrong, in one line.</summary>
    public static string? Problem(ActorSystem system, Type type)
    {
        if (Primitives.Contains(type) || type == typeof(object) || type.IsInterface || type.IsAbstract) return null;
        try
        {
            var serializer = system.Serialization.FindSerializerForType(type);
            if (serializer is ActorParSerializer) return ConstructorProblem(type);
            return null;
        }
        catch (Exception e)
        {
            var why = e.Message.StartsWith("No serializer binding", StringComparison.Ordinal) ? "it is bound to no serializer" : e.Message.Split('\n')[0].Trim();
            return $"type {type.FullName} cannot cross the network ({why}): " +
                   $"implement {nameof(IActorParMessage)} or list \"{type.FullName}, {type.Assembly.GetName().Name}\" in {UserMessageTypes.Key}";
        }
    }

    /// <summary>
    /// The same question answered from configuration alone, before any node starts: is the
    /// type primitive, marked <see cref="IActorParMessage"/>, or bound (itself or a base type)
    /// in <c>akka.actor.serialization-bindings</c>, where <see cref="UserMessageTypes"/> puts
    /// the listed types? Null when it is.
    /// </summary>
    public static string? ConfigProblem(Akka.Configuration.Config config, Type type)
    {
        if (Primitives.Contains(type) || type == typeof(object) || type.IsInterface || type.IsAbstract) return null;
        if (typeof(IActorParMessage).IsAssignableFrom(type)) return ConstructorProblem(type);
        var bindings = config.HasPath("akka.actor.serialization-bindings") ? config.GetConfig("akka.actor.serialization-bindings").AsEnumerable() : [];
        foreach (var (name, serializer) in bindings)
        {
            // Akka's own System.Object binding is its JSON fallback, which hocon/common.conf turns off.
            if (Type.GetType(name, throwOnError: false) is not { } bound || bound == typeof(object) || !bound.IsAssignableFrom(type)) continue;
            return serializer.GetString() == "actorpar" ? ConstructorProblem(type) : null;
        }
        return $"type {type.FullName} cannot cross the network (it is bound to no serializer): " +
               $"implement {nameof(IActorParMessage)} or list \"{type.FullName}, {type.Assembly.GetName().Name}\" in {UserMessageTypes.Key}";
    }

    /// <summary>
    /// MessagePack's contract-less resolver rebuilds a record through a public constructor
    /// whose parameters match its properties; a type with only private constructors would be
    /// written and then fail to read on the other node.
    /// </summary>
    public static string? ConstructorProblem(Type type)
    {
        if (type.IsValueType || type.IsInterface || type.IsAbstract || Primitives.Contains(type)) return null;
        if (type.GetConstructors().Length > 0) return null;
        return $"type {type.FullName} has no public constructor, so the receiving node cannot rebuild it: " +
               "give it one (a positional record's own constructor is public: record Input(long N))";
    }
}
