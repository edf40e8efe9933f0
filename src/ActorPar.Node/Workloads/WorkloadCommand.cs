using System.CommandLine;
using Akka.Configuration;

namespace ActorPar.Node.Workloads;

/// <summary>What every workload gets from the coordinator's command line.</summary>
/// <param name="RandomSeed">Seeds every random choice, so a run can be replayed.</param>
/// <param name="TimeScale">Multiplies every sleep, so a demo can run in a fraction of its time.</param>
public sealed record WorkloadContext(int RandomSeed, double TimeScale, Config Config);

/// <summary>A workload's subcommand under <c>coordinator</c>: its name, its own options, and how it is built from them.</summary>
public abstract class WorkloadCommand
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public virtual IEnumerable<Option> Options => [];

    /// <summary>
    /// Configuration this workload wants unless the user says otherwise: applied over hocon/,
    /// under <c>--config</c>, the environment, <c>--workers</c> and <c>--set</c>. A workload
    /// that starts one Python process per task, say, asks for one worker per task.
    /// </summary>
    public virtual IEnumerable<KeyValuePair<string, string>> ConfigDefaults(ParseResult parse) => [];
    public abstract Workload Create(ParseResult parse, WorkloadContext context);
}
