namespace ActorPar.Coordination;

/// <summary>
/// Sizes batches so that tiny tasks travel many to a message while long tasks travel one
/// at a time. It learns the mean task time from what workers report and aims each batch at
/// <paramref name="target"/> of work, never past <paramref name="maxSize"/>, and never so big
/// that one worker would take more than its share of what is left.
/// </summary>
internal sealed class BatchSizer(TimeSpan target, int maxSize)
{
    private const double Smoothing = 0.3;
    private double? _meanTaskMs;
    private int _ceiling = maxSize;

    public void Observe(double elapsedMs, int tasks)
    {
        if (tasks <= 0 || elapsedMs < 0) return;
        var perTask = elapsedMs / tasks;
        _meanTaskMs = _meanTaskMs is { } mean ? mean + Smoothing * (perTask - mean) : perTask;
    }

    /// <summary>A batch of <paramref name="lostSize"/> tasks went missing: never send one that big again.</summary>
    public void Shrink(int lostSize) => _ceiling = Math.Max(1, Math.Min(_ceiling, lostSize / 2));

    /// <param name="remaining">Tasks not yet resolved, when the job's size is known.</param>
    /// <param name="workers">Workers sharing what is left.</param>
    public int Next(long? remaining, int workers)
    {
        if (_ceiling <= 1 || _meanTaskMs is not { } mean) return 1;
        var size = (int)Math.Clamp(target.TotalMilliseconds / Math.Max(mean, 1e-6), 1, _ceiling);
        if (remaining is { } left) size = (int)Math.Min(size, Math.Max(1, left / (2L * Math.Max(1, workers))));
        return size;
    }
}
