namespace ActorPar.Hosting;

/// <summary>What a node's exit code means. Scripts and tests rely on these.</summary>
public static class ExitCodes
{
    /// <summary>Every task completed (coordinator), or the node left when asked (worker).</summary>
    public const int Ok = 0;
    /// <summary>A task failed for good, or the node was downed or lost its cluster.</summary>
    public const int Failed = 1;
    /// <summary>Bad usage or configuration: an unknown option, a wrong value, a port in use, an unreachable seed.</summary>
    public const int Usage = 2;
    /// <summary>Interrupted by SIGINT (Ctrl-C).</summary>
    public const int Interrupted = 130;
    /// <summary>Stopped by SIGTERM.</summary>
    public const int Terminated = 143;
}
