using ActorPar.Hosting;
using Akka.Configuration;

namespace ActorPar.Coordination;

/// <summary>How tasks reach workers: pulled by idle workers (the default) or pushed round-robin.</summary>
public enum DispatchMode
{
    /// <summary>Idle workers ask for tasks.</summary>
    Pull,
    /// <summary>The coordinator sends tasks round-robin.</summary>
    Push,
}

/// <summary>
/// The coordinator's knobs, read from the <c>actorpar.coordinator</c> section. Every default
/// is in hocon/common.conf, which says what each one does; <see cref="From"/> is the only way
/// to make one, and a test that wants another value changes the configuration or uses <c>with</c>.
/// </summary>
public sealed record CoordinatorSettings
{
    /// <summary>How many workers the router deploys across the worker nodes.</summary>
    public required int Workers { get; init; }

    /// <summary>
    /// How many workers must be deployed before the first task is sent: fewer than
    /// <see cref="Workers"/> when the worker nodes expected at the start cannot host them all
    /// (the router deploys the rest onto nodes that join later).
    /// </summary>
    public required int WorkersToStart { get; init; }

    /// <summary>The most workers the router deploys on one node.</summary>
    public required int WorkersPerNode { get; init; }

    /// <summary>Chunks a worker may hold at once, counting the one it is working on.</summary>
    public required int Credit { get; init; }

    /// <summary>How long the coordinator waits for its workers to be deployed.</summary>
    public required TimeSpan ReadyTimeout { get; init; }
    /// <summary>How long the Stop broadcast waits for the workers to stop.</summary>
    public required TimeSpan StopTimeout { get; init; }
    /// <summary>How tasks reach workers.</summary>
    public required DispatchMode Dispatch { get; init; }

    /// <summary>Chunks aim to take about this long on a worker; tiny tasks are grouped until they do.</summary>
    public required TimeSpan ChunkTarget { get; init; }

    /// <summary>The most elements in one chunk; 1 sends every task on its own.</summary>
    public required int MaxChunkSize { get; init; }

    /// <summary>Every chunk this size instead of sized automatically; null: automatic.</summary>
    public required int? ChunkSize { get; init; }

    /// <summary>How often the retries of the last while are summed up in one log line.</summary>
    public required TimeSpan RetrySummaryEvery { get; init; }

    /// <summary>How many times a task is tried before it fails for good.</summary>
    public required int MaxAttempts { get; init; }

    /// <summary>A chunk sent this long ago that the worker says it never received is taken as lost and put back.</summary>
    public required TimeSpan LostAfter { get; init; }

    /// <summary>A worker silent this long on a chunk is restarted and the chunk put back; null is no limit.</summary>
    public required TimeSpan? TaskTimeout { get; init; }

    /// <summary>The settings in <paramref name="config"/>; workers-per-node 0 derives it from the worker nodes expected.</summary>
    public static CoordinatorSettings From(Config config)
    {
        var workers = config.GetInt(ConfigKeys.Workers.Key);
        var nodes = config.GetInt(ConfigKeys.WorkerNodes.Key);
        var perNode = config.GetInt(ConfigKeys.WorkersPerNode.Key);
        if (perNode == 0) perNode = (int)Math.Ceiling(workers / (double)nodes);
        return new CoordinatorSettings
        {
            Workers = workers,
            WorkersPerNode = perNode,
            WorkersToStart = (int)Math.Min(workers, (long)perNode * nodes),
            Credit = config.GetInt(ConfigKeys.Credit.Key),
            ReadyTimeout = config.GetTimeSpan(ConfigKeys.ReadyTimeout.Key),
            StopTimeout = config.GetTimeSpan(ConfigKeys.StopTimeout.Key),
            Dispatch = config.GetString(ConfigKeys.Dispatch.Key) == "push" ? DispatchMode.Push : DispatchMode.Pull,
            ChunkTarget = config.GetTimeSpan(ConfigKeys.ChunkTarget.Key),
            MaxChunkSize = config.GetInt(ConfigKeys.ChunkMax.Key),
            ChunkSize = config.GetInt(ConfigKeys.ChunkSize.Key) is > 0 and var size ? size : null,
            RetrySummaryEvery = config.GetTimeSpan(ConfigKeys.RetrySummaryEvery.Key),
            MaxAttempts = config.GetInt(ConfigKeys.MaxAttempts.Key),
            LostAfter = config.GetTimeSpan(ConfigKeys.LostAfter.Key),
            TaskTimeout = config.GetString(ConfigKeys.TaskTimeout.Key) == "off" ? null : config.GetTimeSpan(ConfigKeys.TaskTimeout.Key),
        };
    }
}
