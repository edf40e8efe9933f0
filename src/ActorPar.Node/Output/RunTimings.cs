namespace ActorPar.Node;

/// <summary>The moments of one coordinator run, as offsets from the coordinator process's start.</summary>
public sealed class RunTimings
{
    private static readonly DateTimeOffset ProcessStart =
        new(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    public double? ClusterUpMs { get; set; }
    public double? FirstDispatchMs { get; set; }
    public double? LastResultMs { get; set; }
    public double? StopLatencyMs { get; set; }
    public double? TotalMs { get; set; }

    public static double Since(DateTimeOffset moment) => (moment - ProcessStart).TotalMilliseconds;
    public static double Now => Since(DateTimeOffset.UtcNow);
}
