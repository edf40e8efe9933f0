using System.Collections.Concurrent;
using System.Reflection;
using Akka.Configuration;

namespace ActorPar.Messaging;

/// <summary>
/// The closed set of types <see cref="ActorParSerializer"/> will create from bytes.
/// A manifest names a type; the registry answers only for types that opted in, either by
/// implementing <see cref="IActorParMessage"/> or by a serialization binding to
/// <c>actorpar</c> in configuration. It looks only at assemblies already loaded and never
/// loads one because the network named it.
/// </summary>
internal sealed class MessageTypeRegistry
{
    private readonly ConcurrentDictionary<string, Type> _byManifest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _manifests = new();
    private readonly HashSet<Type> _configured = [];

    public MessageTypeRegistry(Config bindings, string serializerName)
    {
        foreach (var (typeName, value) in bindings.AsEnumerable())
        {
            if (value.GetString() != serializerName) continue;
            var type = Type.GetType(typeName, throwOnError: false);
            if (type is { IsInterface: false, IsAbstract: false }) Register(type);
            if (type is not null) _configured.Add(type);
        }
    }

    /// <summary>The manifest of an allowed type: its full name and its assembly's simple name.</summary>
    public string ManifestOf(Type type) => _manifests.GetOrAdd(type, t =>
    {
        if (!IsAllowed(t))
            throw new System.Runtime.Serialization.SerializationException(
                $"ActorPar will not serialize '{t.FullName}': implement {nameof(IActorParMessage)} or bind it to the actorpar serializer in akka.actor.serialization-bindings.");
        var manifest = $"{t.FullName}, {t.Assembly.GetName().Name}";
        _byManifest.TryAdd(manifest, t);
        return manifest;
    });

    /// <summary>The type a manifest names, when that type is allowed and already loaded.</summary>
    public Type Resolve(string manifest)
    {
        if (_byManifest.TryGetValue(manifest, out var known)) return known;
        var type = FindLoaded(manifest);
        if (type is null || !IsAllowed(type))
            throw new System.Runtime.Serialization.SerializationException(
                $"ActorPar refuses to deserialize '{manifest}': no loaded type of that name implements {nameof(IActorParMessage)} or is bound to the actorpar serializer.");
        Register(type);
        return type;
    }

    private void Register(Type type)
    {
        var manifest = $"{type.FullName}, {type.Assembly.GetName().Name}";
        _manifests.TryAdd(type, manifest);
        _byManifest.TryAdd(manifest, type);
    }

    private bool IsAllowed(Type type) =>
        typeof(IActorParMessage).IsAssignableFrom(type) || _configured.Any(c => c.IsAssignableFrom(type));

    private static Type? FindLoaded(string manifest)
    {
        var comma = manifest.LastIndexOf(", ", StringComparison.Ordinal);
        if (comma <= 0) return null;
        var fullName = manifest[..comma];
        var assemblyName = manifest[(comma + 2)..];
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic || assembly.GetName().Name != assemblyName) continue;
            var type = assembly.GetType(fullName, throwOnError: false);
            if (type is not null) return type;
        }
        return null;
    }
}
