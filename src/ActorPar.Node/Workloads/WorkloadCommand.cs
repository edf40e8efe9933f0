using Akka.Configuration;

namespace ActorPar.Node.Workloads;

/// <summary>What every workload gets from the coordinator's command line.</summary>
/// <param name="Name">The workload's name, as its subcommand spells it.</param>
/// <param name="RandomSeed">Seeds every random choice, so a run can be replayed.</param>
/// <param name="TimeScale">Multiplies every sleep, so a demo can run in a fraction of its time.</param>
public sealed record WorkloadContext(string Name, int RandomSeed, double TimeScale, Config Config)
{
    /// <summary>How many workers the router deploys (<c>actorpar.coordinator.workers</c>).</summary>
    public int Workers => Config.GetInt(ConfigKeys.Workers.Key);
}

/// <summary>
/// A workload's subcommand under <c>coordinator</c>: its name, its help, how it is built, and
/// its own options. Each workload class holds its own as a static <c>Command</c>.
/// </summary>
public sealed record WorkloadCommand(string Name, string Description, Func<ParseResult, WorkloadContext, Workload> Create, params Option[] Options)
{
    /// <summary>
    /// Configuration this workload wants unless the user says otherwise: applied over hocon/,
    /// under <c>--config</c>, the environment, <c>--workers</c> and <c>--set</c>. A workload that
    /// starts one Python process per task, say, asks for one worker per task.
    /// </summary>
    public Func<ParseResult, IEnumerable<KeyValuePair<string, string>>> ConfigDefaults { get; init; } = _ => [];

    /// <summary>The default for <c>actorpar.coordinator.workers</c>.</summary>
    public static KeyValuePair<string, string> Workers(long count) => new("actorpar.coordinator.workers", count.ToString());
}
