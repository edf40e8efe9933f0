using Akka.Configuration;

namespace ActorPar.Coordination;

/// <summary>How tasks reach workers: pulled by idle workers (the default) or pushed round-robin.</summary>
public enum DispatchMode { Pull, Push }

/// <summary>The coordinator's knobs, read from the <c>actorpar.coordinator</c> section of hocon/common.conf.</summary>
public sealed record CoordinatorSettings
{
    /// <summary>How many workers the router deploys across the worker nodes.</summary>
    public int Workers { get; init; } = 3;

    /// <summary>
    /// How many workers must be deployed before the first task is sent; null means all of
    /// <see cref="Workers"/>. Fewer when the worker nodes expected at the start cannot host
    /// them all: the router deploys the rest onto nodes that join later.
    /// </summary>
    public int? ReadyWorkers { get; init; }

    public int WorkersToStart => Math.Min(ReadyWorkers ?? Workers, Workers);

    /// <summary>The most workers the router deploys on one node.</summary>
    public int WorkersPerNode { get; init; } = 2;

    /// <summary>Batches a worker may hold at once, counting the one it is working on.</summary>
    public int Credit { get; init; } = 1;

    public TimeSpan RouteePollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public DispatchMode Dispatch { get; init; } = DispatchMode.Pull;

    /// <summary>Batches aim to take about this long on a worker; tiny tasks are grouped until they do.</summary>
    public TimeSpan BatchTarget { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The most tasks in one batch; 1 turns batching off.</summary>
    public int MaxBatchSize { get; init; } = 4096;

    /// <summary>How many times a task is tried before it fails for good.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>A batch sent this long ago that the worker says it never received is taken as lost and put back.</summary>
    public TimeSpan LostAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A task running longer than this is put back and its worker restarted; null is no limit.</summary>
    public TimeSpan? TaskTimeout { get; init; }

    public static CoordinatorSettings From(Config config, int minWorkerNodes)
    {
        var section = config.GetConfig("actorpar.coordinator");
        var workers = section.GetInt("workers", 3);
        var perNode = section.GetInt("workers-per-node", 0);
        if (perNode <= 0) perNode = (int)Math.Ceiling(workers / (double)Math.Max(1, minWorkerNodes));
        var timeout = section.GetString("task-timeout", "off");
        return new CoordinatorSettings
        {
            Workers = workers,
            WorkersPerNode = perNode,
            ReadyWorkers = (int)Math.Min(workers, (long)perNode * Math.Max(1, minWorkerNodes)),
            Credit = section.GetInt("credit", 1),
            RouteePollInterval = section.GetTimeSpan("routee-poll-interval", TimeSpan.FromMilliseconds(250)),
            ReadyTimeout = section.GetTimeSpan("ready-timeout", TimeSpan.FromSeconds(30)),
            StopTimeout = section.GetTimeSpan("stop-timeout", TimeSpan.FromSeconds(10)),
            Dispatch = section.GetString("dispatch", "pull") == "push" ? DispatchMode.Push : DispatchMode.Pull,
            BatchTarget = section.GetTimeSpan("batch.target", TimeSpan.FromMilliseconds(20)),
            MaxBatchSize = section.GetInt("batch.max-size", 4096),
            MaxAttempts = section.GetInt("max-attempts", 3),
            LostAfter = section.GetTimeSpan("lost-after", TimeSpan.FromSeconds(5)),
            TaskTimeout = timeout is "off" or "" ? null : section.GetTimeSpan("task-timeout"),
        };
    }
}
