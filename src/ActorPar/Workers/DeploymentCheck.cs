using ActorPar.Messaging;
using Akka.Actor;

namespace ActorPar.Workers;

/// <summary>
/// Says, before a job starts, why the router could not create a worker on another node.
/// Remote deployment sends the worker's type and its constructor arguments, and nothing
/// else: no closure, no service, nothing that lives only in this process. Every argument
/// must survive a round trip through the serializers, and the worker's input and result
/// types must be able to travel too. Without this check the deployment fails on the worker
/// node, and the coordinator only sees that no worker ever came.
/// </summary>
public static class DeploymentCheck
{
    /// <summary>Every problem with <paramref name="worker"/>, one line each; empty when it can be deployed anywhere.</summary>
    public static IReadOnlyList<string> Problems(ActorSystem system, Props worker)
    {
        var problems = new List<string>();
        var type = worker.Type;
        if (type is null || !typeof(Worker).IsAssignableFrom(type))
        {
            problems.Add($"{type?.FullName ?? "the worker's Props"} is not a worker: derive it from ActorPar.Workers.Worker<TInput, TResult>");
            return problems;
        }
        if (WorkerType.OverrideProblem(type) is { } lazy) problems.Add(lazy);
        if (type.Assembly.IsDynamic || string.IsNullOrEmpty(type.Assembly.Location))
            problems.Add($"worker type {type.FullName} lives in an assembly with no file, which other nodes cannot load");

        var arguments = worker.Arguments ?? [];
        for (var i = 0; i < arguments.Length; i++)
            if (WireTypes.Get(system).RoundTripProblem(arguments[i]) is { } problem)
                problems.Add($"constructor argument {i + 1} of {type.Name} ({arguments[i]!.GetType().Name}) cannot be sent to worker nodes: {problem}; " +
                             "pass only values that serialize (numbers, strings, records bound to the actorpar serializer, actor refs)");

        for (var t = type; t is not null; t = t.BaseType)
        {
            if (!t.IsGenericType || t.GetGenericTypeDefinition() != typeof(Worker<,>)) continue;
            foreach (var message in t.GetGenericArguments())
                if (WireTypes.Get(system).Problem(message) is { } problem) problems.Add(problem);
            break;
        }
        return problems;
    }
}
