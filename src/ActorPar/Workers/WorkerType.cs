using System.Reflection;
using ActorPar.Hosting;

namespace ActorPar.Workers;

/// <summary>
/// A user's worker class named in configuration (<c>actorpar.worker.type</c>, or
/// <c>--worker-type</c>), with the input and result types of its
/// <see cref="Worker{TInput,TResult}"/> base. Resolving it says in one line what is wrong:
/// not found, not a worker, or not constructible from its type alone.
/// </summary>
public sealed record WorkerType(Type Type, Type Input, Type Result)
{
    /// <summary>The configuration key that names the worker type.</summary>
    public const string Key = "actorpar.worker.type";

    /// <summary>Finds <paramref name="name"/> ("Namespace.Type, Assembly", or "Namespace.Type" in an assembly already loaded).</summary>
    /// <exception cref="NodeStartException">the type is missing, is not a worker, or cannot be constructed.</exception>
    public static WorkerType Resolve(string name)
    {
        var type = Find(name.Trim()) ?? throw new NodeStartException(NotFound(name.Trim()));
        return Of(type);
    }

    /// <summary>Checks <paramref name="type"/> as <see cref="Resolve"/> does.</summary>
    public static WorkerType Of(Type type)
    {
        var typed = TypedBase(type);
        if (!typeof(Worker).IsAssignableFrom(type) || typed is null)
            throw new NodeStartException($"{type.FullName} is not a worker: derive it from ActorPar.Workers.Worker<TInput, TResult>");
        if (type.IsAbstract || type.ContainsGenericParameters)
            throw new NodeStartException($"worker type {type.FullName} cannot be constructed: it is {(type.IsAbstract ? "abstract" : "an open generic type")}");
        if (type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is null)
            throw new NodeStartException($"worker type {type.FullName} cannot be constructed: a worker named in configuration needs a public parameterless constructor");
        if (OverrideProblem(type) is { } problem) throw new NodeStartException(problem);
        var arguments = typed.GetGenericArguments();
        return new WorkerType(type, arguments[0], arguments[1]);
    }

    /// <summary>A worker that overrides neither Process nor ProcessAsync would fail every task; null when it overrides one.</summary>
    public static string? OverrideProblem(Type type)
    {
        if (TypedBase(type) is not { } typed) return null;
        var input = typed.GetGenericArguments()[0];
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var process = type.GetMethod("Process", flags, [input]);
        var processAsync = type.GetMethod("ProcessAsync", flags, [input, typeof(CancellationToken)]);
        bool Overridden(MethodInfo? method) => method is not null && method.GetBaseDefinition() != method && method.DeclaringType != typed;
        return Overridden(process) || Overridden(processAsync)
            ? null
            : $"worker type {type.FullName} overrides neither Process nor ProcessAsync, so it would fail every task";
    }

    /// <summary>The input and result types of a <c>Worker&lt;TInput, TResult&gt;</c>; none for another kind of actor.</summary>
    public static IReadOnlyList<Type> TaskTypes(Type? worker) => TypedBase(worker)?.GetGenericArguments() ?? [];

    private static Type? TypedBase(Type? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Worker<,>)) return t;
        return null;
    }

    private static Type? Find(string name)
    {
        if (name.Length == 0) return null;
        if (name.Contains(','))
        {
            try { return Type.GetType(name, throwOnError: false); }
            catch (Exception e) when (e is FileLoadException or BadImageFormatException or ArgumentException) { return null; }
        }
        return AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic)
            .Select(a => a.GetType(name, throwOnError: false)).FirstOrDefault(t => t is not null);
    }

    private static string NotFound(string name)
    {
        if (name.Length == 0) return $"no worker type given: set {Key} or pass --worker-type \"Namespace.Type, Assembly\"";
        var comma = name.IndexOf(',');
        if (comma < 0) return $"worker type '{name}' not found in any loaded assembly: load its assembly with --worker-assembly PATH.dll";
        var assembly = name[(comma + 1)..].Trim();
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == assembly);
        return loaded
            ? $"worker type '{name}' not found: assembly {assembly} has no type {name[..comma].Trim()}"
            : $"worker type '{name}' not found: assembly {assembly} is not loaded; give its .dll with --worker-assembly PATH.dll";
    }
}
