namespace ActorPar.Chunks;

/// <summary>Operations on a chunk's runs, which are in order and never overlap.</summary>
public static class PositionRuns
{
    /// <summary>How many positions the runs hold.</summary>
    public static int Count(IReadOnlyList<PositionRun> runs)
    {
        var count = 0;
        foreach (var run in runs) count += run.Count;
        return count;
    }

    /// <summary>The positions at offsets <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> - 1 of the runs, as runs.</summary>
    public static PositionRun[] Slice(IReadOnlyList<PositionRun> runs, int offset, int count)
    {
        var slice = new List<PositionRun>(1);
        foreach (var run in runs)
        {
            if (count <= 0) break;
            if (offset >= run.Count)
            {
                offset -= run.Count;
                continue;
            }
            var take = Math.Min(run.Count - offset, count);
            slice.Add(new PositionRun(run.First + offset, take));
            count -= take;
            offset = 0;
        }
        return [.. slice];
    }

    /// <summary>The position at <paramref name="offset"/>.</summary>
    public static long At(IReadOnlyList<PositionRun> runs, int offset)
    {
        foreach (var run in runs)
        {
            if (offset < run.Count) return run.First + offset;
            offset -= run.Count;
        }
        throw new ArgumentOutOfRangeException(nameof(offset), offset, "beyond the runs");
    }

    /// <summary>Adds a position at the end, extending the last run when it follows on.</summary>
    public static void Append(List<PositionRun> runs, long first, int count)
    {
        if (count <= 0) return;
        if (runs.Count > 0 && runs[^1].End == first) runs[^1] = runs[^1] with { Count = runs[^1].Count + count };
        else runs.Add(new PositionRun(first, count));
    }

    /// <summary>The runs as "0-9, 12", the first few only.</summary>
    public static string Show(IReadOnlyList<PositionRun> runs, int most = 5) =>
        string.Join(", ", runs.Take(most)) + (runs.Count > most ? ", ..." : "");
}
