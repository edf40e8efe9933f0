using ActorPar.Chunks;

namespace ActorPar.Coordination;

/// <summary>
/// The inputs a job has read and not yet resolved, as the chunks they were read in: what a
/// chunk taken back, split or retried is rebuilt from, and what a result is paired with. A
/// segment is let go once every position in it is resolved, so memory follows what is in flight.
/// </summary>
internal sealed class InputSegments
{
    private readonly List<Segment> _segments = []; // in order of position: inputs are read in order

    public int Count => _segments.Count;

    /// <summary>Keeps the inputs at positions <paramref name="first"/> on, just read.</summary>
    public void Add(long first, ChunkItems items)
    {
        if (items.Count > 0) _segments.Add(new Segment(first, items));
    }

    /// <summary>The inputs of <paramref name="count"/> positions from <paramref name="first"/>, which may span segments.</summary>
    public ChunkItems Slice(long first, int count)
    {
        var parts = new List<ChunkItems>(1);
        foreach (var (segment, offset, take) in Pieces(first, count))
            parts.Add(segment.Items.Slice(offset, take));
        return ChunkItems.Concat(parts);
    }

    /// <summary>
    /// The segments under <paramref name="count"/> positions from <paramref name="first"/>: each
    /// with the offset of the first of them in it and how many of them it holds.
    /// </summary>
    public IEnumerable<(Segment Segment, int Offset, int Count)> Pieces(long first, int count)
    {
        var end = first + count;
        for (var i = Find(first); i < _segments.Count && first < end; i++)
        {
            var segment = _segments[i];
            var take = (int)(Math.Min(end, segment.End) - first);
            yield return (segment, (int)(first - segment.First), take);
            first += take;
        }
        if (first < end) throw new InvalidOperationException($"no inputs are kept for positions {first} to {end - 1}");
    }

    /// <summary>Positions were resolved: a segment whose every position is goes.</summary>
    public void Resolved(Segment segment, int count)
    {
        segment.Unresolved -= count;
        if (segment.Unresolved <= 0) _segments.Remove(segment);
    }

    /// <summary>The index of the segment holding <paramref name="position"/>.</summary>
    private int Find(long position)
    {
        int low = 0, high = _segments.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var segment = _segments[middle];
            if (position < segment.First) high = middle - 1;
            else if (position >= segment.End) low = middle + 1;
            else return middle;
        }
        return low;
    }

    /// <summary>Inputs read together: positions <see cref="First"/> on, and how many of them are not yet resolved.</summary>
    internal sealed class Segment(long first, ChunkItems items)
    {
        public long First { get; } = first;
        public ChunkItems Items { get; } = items;
        public long End => First + Items.Count;
        public int Unresolved { get; set; } = items.Count;
    }
}
