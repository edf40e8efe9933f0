namespace ActorPar.Hosting;

/// <summary>
/// Every configuration key ActorPar reads, once, with its check. The defaults are in hocon/
/// (common.conf, with a comment on each), never in code; the node program's options name these.
/// </summary>
public static class ConfigKeys
{
    public static readonly Setting Host = Setting.NotEmpty("akka.remote.dot-netty.tcp.hostname");
    public static readonly Setting Port = Setting.Whole("akka.remote.dot-netty.tcp.port", 0, 65535);
    public static readonly Setting SystemName = Setting.NotEmpty("actorpar.cluster.system-name");
    public static readonly Setting Seed = Setting.Text("actorpar.cluster.seed");
    public static readonly Setting SeedFile = Setting.Text("actorpar.cluster.seed-file");
    public static readonly Setting JoinTimeout = Setting.Duration("actorpar.cluster.join-timeout");
    public static readonly Setting LeaveTimeout = Setting.Duration("actorpar.cluster.leave-timeout");
    public static readonly Setting WorkerNodes = Setting.Whole("akka.cluster.role.worker.min-nr-of-members", 1, 1000);

    public static readonly Setting Workers = Setting.Whole("actorpar.coordinator.workers", 1, 100_000);
    public static readonly Setting WorkersPerNode = Setting.Whole("actorpar.coordinator.workers-per-node", 0, 100_000);
    public static readonly Setting Dispatch = Setting.OneOf("actorpar.coordinator.dispatch", "pull", "push");
    public static readonly Setting ReadyTimeout = Setting.Duration("actorpar.coordinator.ready-timeout");
    public static readonly Setting StopTimeout = Setting.Duration("actorpar.coordinator.stop-timeout");
    public static readonly Setting MaxAttempts = Setting.Whole("actorpar.coordinator.max-attempts", 1, 1000);
    public static readonly Setting LostAfter = Setting.Duration("actorpar.coordinator.lost-after");
    public static readonly Setting TaskTimeout = Setting.DurationOrOff("actorpar.coordinator.task-timeout");
    public static readonly Setting BatchTarget = Setting.Duration("actorpar.coordinator.batch.target");
    public static readonly Setting BatchMax = Setting.Whole("actorpar.coordinator.batch.max-size", 1, 1_000_000);
    public static readonly Setting Credit = Setting.Whole("actorpar.coordinator.credit", 1, 10_000);

    public static readonly Setting WorkerType = Setting.Text(ActorPar.Workers.WorkerType.Key);
    public static readonly Setting AskAgainAfter = Setting.Duration("actorpar.worker.ask-again-after");
    public static readonly Setting AskAgainMax = Setting.Duration("actorpar.worker.ask-again-max");
    public static readonly Setting Slice = Setting.Duration("actorpar.worker.slice");
    public static readonly Setting FailedTasksMax = Setting.Whole("actorpar.report.failed-tasks-max", 0, 1_000_000);
    public static readonly Setting AkkaLogLevel = Setting.OneOf("actorpar.logging.akka-level", "DEBUG", "INFO", "WARNING", "ERROR");

    /// <summary>Every key above, for the check a node makes of its whole configuration.</summary>
    public static IReadOnlyList<Setting> All { get; } = typeof(ConfigKeys).GetFields()
        .Where(f => f.FieldType == typeof(Setting)).Select(f => (Setting)f.GetValue(null)!).ToList();
}
