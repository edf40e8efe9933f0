using System.Text;
using ActorPar.Hosting;
using Akka.Configuration;

namespace ActorPar.Messaging;

/// <summary>
/// Your own task inputs and results, allowed to travel by configuration alone:
/// <c>actorpar.serialization.types = ["My.Input, MyAssembly", ...]</c> binds each listed type
/// to the <c>actorpar</c> serializer, which adds it to <see cref="MessageTypeRegistry"/>'s
/// closed set. Only listed types (and those implementing <see cref="IActorParMessage"/>) are
/// ever created from bytes; a manifest from the network never loads an assembly.
/// </summary>
public static class UserMessageTypes
{
    /// <summary>The configuration key that lists the user's types.</summary>
    public const string Key = "actorpar.serialization.types";

    /// <summary>The assembly-qualified names listed under <see cref="Key"/>.</summary>
    public static IReadOnlyList<string> Names(Config config) =>
        config.HasPath(Key) ? config.GetStringList(Key).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList() : [];

    /// <summary>Adds a serialization binding to <c>actorpar</c> for every listed type.</summary>
    public static Config Bind(Config config)
    {
        var names = Names(config);
        if (names.Count == 0) return config;
        var hocon = new StringBuilder("akka.actor.serialization-bindings {\n");
        foreach (var name in names)
            hocon.Append("  \"").Append(name.Replace("\\", "\\\\").Replace("\"", "\\\"")).AppendLine("\" = actorpar");
        hocon.Append('}');
        return ConfigurationFactory.ParseString(hocon.ToString()).WithFallback(config);
    }

    /// <summary>The list of <see cref="Key"/> with <paramref name="types"/> added (those that need it), as a HOCON value.</summary>
    public static string ListWith(Config config, IEnumerable<Type> types)
    {
        var names = Names(config).ToList();
        foreach (var type in types)
        {
            if (!WireTypes.NeedsListing(type)) continue;
            var name = $"{type.FullName}, {type.Assembly.GetName().Name}";
            if (!names.Contains(name)) names.Add(name);
        }
        return "[" + string.Join(", ", names.Select(n => "\"" + n.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")) + "]";
    }

    /// <summary>
    /// Finds every listed type among the loaded assemblies (and next to the worker
    /// assemblies), and checks that MessagePack can rebuild it; the first problem becomes a
    /// one-line <see cref="NodeStartException"/>.
    /// </summary>
    public static IReadOnlyList<Type> Resolve(Config config)
    {
        var types = new List<Type>();
        foreach (var name in Names(config))
        {
            var type = Type.GetType(name, throwOnError: false)
                       ?? throw new NodeStartException($"{Key}: type '{name}' not found; write it as \"Namespace.Type, Assembly\" and load its assembly with --worker-assembly");
            if (WireTypes.ConstructorProblem(type) is { } problem) throw new NodeStartException($"{Key}: {problem}");
            types.Add(type);
        }
        return types;
    }
}
