namespace ActorPar.Chunks;

/// <summary>
/// Consecutive positions <see cref="First"/> to <see cref="First"/> + <see cref="Count"/> - 1.
/// A chunk is one or more runs (a fresh chunk is one; the retries gathered into one chunk are
/// many), and every element of a chunk is named by its run and its offset in it, so no element
/// carries an id of its own. On the wire the positions are the coordinator's task ids; in a
/// job's results they are input positions.
/// </summary>
public readonly record struct PositionRun(long First, int Count)
{
    /// <summary>The position after the last one.</summary>
    public long End => First + Count;

    /// <inheritdoc />
    public override string ToString() => Count == 1 ? $"{First}" : $"{First}-{End - 1}";
}
