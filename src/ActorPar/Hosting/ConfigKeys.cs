namespace ActorPar.Hosting;

/// <summary>
/// Every configuration key ActorPar reads, once, with its check. The defaults are in hocon/
/// (common.conf, with a comment on each), never in code; the node program's options name these.
/// </summary>
public static class ConfigKeys
{
    /// <summary>The host a node binds and is reached at (127.0.0.1).</summary>
    public static readonly Setting Host = Setting.NotEmpty("akka.remote.dot-netty.tcp.hostname");
    /// <summary>The port a node binds; 0 lets the OS pick one.</summary>
    public static readonly Setting Port = Setting.Whole("akka.remote.dot-netty.tcp.port", 0, 65535);
    /// <summary>The actor system's name, the same on every node of a cluster.</summary>
    public static readonly Setting SystemName = Setting.NotEmpty("actorpar.cluster.system-name");
    /// <summary>The seed a worker node joins (<c>HOST:PORT</c>); empty on the coordinator.</summary>
    public static readonly Setting Seed = Setting.Text("actorpar.cluster.seed");
    /// <summary>A file a worker node reads the seed's address from, once the coordinator has written it.</summary>
    public static readonly Setting SeedFile = Setting.Text("actorpar.cluster.seed-file");
    /// <summary>How long a node tries to join the cluster before it gives up.</summary>
    public static readonly Setting JoinTimeout = Setting.Duration("actorpar.cluster.join-timeout");
    /// <summary>How long a node waits for the cluster to let it go when it leaves.</summary>
    public static readonly Setting LeaveTimeout = Setting.Duration("actorpar.cluster.leave-timeout");
    /// <summary>How many worker nodes the coordinator waits for before it deploys workers.</summary>
    public static readonly Setting WorkerNodes = Setting.Whole("akka.cluster.role.worker.min-nr-of-members", 1, 1000);

    /// <summary>How many worker actors the router deploys across the worker nodes.</summary>
    public static readonly Setting Workers = Setting.Whole("actorpar.coordinator.workers", 1, 100_000);
    /// <summary>The most worker actors on one node; 0 derives it from the workers and the worker nodes expected.</summary>
    public static readonly Setting WorkersPerNode = Setting.Whole("actorpar.coordinator.workers-per-node", 0, 100_000);
    /// <summary>How tasks reach workers: <c>pull</c> or <c>push</c>.</summary>
    public static readonly Setting Dispatch = Setting.OneOf("actorpar.coordinator.dispatch", "pull", "push");
    /// <summary>How long the coordinator waits for its workers to be deployed.</summary>
    public static readonly Setting ReadyTimeout = Setting.Duration("actorpar.coordinator.ready-timeout");
    /// <summary>How long the Stop broadcast waits for the workers to stop.</summary>
    public static readonly Setting StopTimeout = Setting.Duration("actorpar.coordinator.stop-timeout");
    /// <summary>How many times a task is tried before it fails for good.</summary>
    public static readonly Setting MaxAttempts = Setting.Whole("actorpar.coordinator.max-attempts", 1, 1000);
    /// <summary>How long ago a batch must have been sent, that its worker says it never received, to be taken as lost and queued again.</summary>
    public static readonly Setting LostAfter = Setting.Duration("actorpar.coordinator.lost-after");
    /// <summary>How long a task may run before its worker is killed and restarted; <c>off</c> for no limit.</summary>
    public static readonly Setting TaskTimeout = Setting.DurationOrOff("actorpar.coordinator.task-timeout");
    /// <summary>How long a chunk of elements should take on a worker: chunks grow toward it.</summary>
    public static readonly Setting ChunkTarget = Setting.Duration("actorpar.coordinator.chunk.target");
    /// <summary>The most elements in one chunk; 1 sends every task on its own.</summary>
    public static readonly Setting ChunkMax = Setting.Whole("actorpar.coordinator.chunk.max-size", 1, 1_000_000);
    /// <summary>Every chunk exactly this size (Pool.map's chunksize); 0 sizes them to the target time.</summary>
    public static readonly Setting ChunkSize = Setting.Whole("actorpar.coordinator.chunk.size", 0, 1_000_000);
    /// <summary>How often the retries of the last while are summed up in one log line.</summary>
    public static readonly Setting RetrySummaryEvery = Setting.Duration("actorpar.coordinator.retry-summary-every");
    /// <summary>Chunks a worker may hold at once, counting the one it is working on.</summary>
    public static readonly Setting Credit = Setting.Whole("actorpar.coordinator.credit", 1, 10_000);

    /// <summary>The worker type a node creates, as <c>Namespace.Type, Assembly</c>.</summary>
    public static readonly Setting WorkerType = Setting.Text(ActorPar.Workers.WorkerType.Key);
    /// <summary>How long a worker that asked for work and got none waits before it asks again.</summary>
    public static readonly Setting AskAgainAfter = Setting.Duration("actorpar.worker.ask-again-after");
    /// <summary>The longest a waiting worker goes between two asks, once asking again brought nothing.</summary>
    public static readonly Setting AskAgainMax = Setting.Duration("actorpar.worker.ask-again-max");
    /// <summary>How much work a worker does before it yields to its mailbox.</summary>
    public static readonly Setting Slice = Setting.Duration("actorpar.worker.slice");
    /// <summary>The most failed tasks a job's report lists one by one.</summary>
    public static readonly Setting FailedTasksMax = Setting.Whole("actorpar.report.failed-tasks-max", 0, 1_000_000);
    /// <summary>The level from which Akka's own log lines are printed.</summary>
    public static readonly Setting AkkaLogLevel = Setting.OneOf("actorpar.logging.akka-level", "DEBUG", "INFO", "WARNING", "ERROR");

    /// <summary>Every key above, for the check a node makes of its whole configuration.</summary>
    public static IReadOnlyList<Setting> All { get; } = typeof(ConfigKeys).GetFields()
        .Where(f => f.FieldType == typeof(Setting)).Select(f => (Setting)f.GetValue(null)!).ToList();
}
