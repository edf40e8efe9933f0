namespace ActorPar.Coordination;

/// <summary>
/// Sizes a job's chunks, as joblib's <c>batch_size='auto'</c> does, with guided self-scheduling
/// at the end. The first chunks are one element, since nothing is known yet; each report says
/// how long its elements took, and the next chunk aims at <paramref name="target"/> of work,
/// growing at most <see cref="Growth"/> times past the largest chunk measured so far (an
/// element that looked cheap once must not hand one worker a huge chunk) and never past
/// <paramref name="maxSize"/>. Near the end of a job of known size, a chunk takes at most its
/// share of what is left (half of it, split among the workers: factoring), but never less than
/// an eighth of the target's worth, so no worker idles at the tail and tiny elements still
/// travel in chunks worth sending. <paramref name="pinned"/> fixes every chunk's size instead,
/// as <c>Pool.map</c>'s chunksize does.
/// </summary>
internal sealed class ChunkSizer(TimeSpan target, int maxSize, int? pinned = null)
{
    /// <summary>How many times bigger than the largest measured chunk the next may be.</summary>
    public const int Growth = 16;

    /// <summary>The tail's chunks keep at least this fraction of the target's worth of elements.</summary>
    private const int TailFloor = 8;

    private double? _perElementMs;
    private int _largestMeasured;
    private int _ceiling = pinned is { } size ? size : maxSize;

    /// <summary>The sizes lent, for the report.</summary>
    public ChunkSizeTally Sizes { get; } = new();

    /// <summary>A chunk of <paramref name="elements"/> took <paramref name="elapsedMs"/> on its worker.</summary>
    public void Observe(double elapsedMs, int elements)
    {
        if (elements <= 0 || elapsedMs < 0) return;
        _perElementMs = elapsedMs / elements;
        _largestMeasured = Math.Max(_largestMeasured, elements);
    }

    /// <summary>A chunk of <paramref name="lostSize"/> elements went missing: never send one that big again.</summary>
    public void Shrink(int lostSize) => _ceiling = Math.Max(1, Math.Min(_ceiling, lostSize / 2));

    /// <param name="unlent">Elements not yet lent, when the job's size is known.</param>
    /// <param name="workers">Workers sharing them.</param>
    public int Next(long? unlent, int workers)
    {
        if (pinned is not null) return _ceiling;
        if (_ceiling <= 1 || _perElementMs is not { } perElement) return 1;
        var ideal = Math.Clamp(target.TotalMilliseconds / Math.Max(perElement, 1e-6), 1, _ceiling);
        var size = Math.Min(ideal, (double)_largestMeasured * Growth);
        if (unlent is { } left)
        {
            var share = Math.Ceiling(left / (2.0 * Math.Max(1, workers)));
            size = Math.Min(size, Math.Max(share, ideal / TailFloor));
        }
        return (int)Math.Clamp(size, 1, _ceiling);
    }
}

/// <summary>How many chunks of each size a job lent: the report's min, median and max, and sizes by powers of two.</summary>
internal sealed class ChunkSizeTally
{
    private readonly SortedDictionary<int, long> _bySize = new();

    public void Lent(int size) => _bySize[size] = _bySize.GetValueOrDefault(size) + 1;

    public ChunkSizes Summary()
    {
        var chunks = _bySize.Values.Sum();
        if (chunks == 0) return ChunkSizes.None;
        var (median, seen) = (0, 0L);
        foreach (var (size, count) in _bySize)
        {
            seen += count;
            if (seen * 2 < chunks) continue;
            median = size;
            break;
        }
        var buckets = new SortedDictionary<int, long>();
        foreach (var (size, count) in _bySize)
        {
            var bucket = 1 << (31 - System.Numerics.BitOperations.LeadingZeroCount((uint)size));
            buckets[bucket] = buckets.GetValueOrDefault(bucket) + count;
        }
        return new ChunkSizes(chunks, _bySize.Keys.First(), median, _bySize.Keys.Last(),
            buckets.Select(b => new ChunkSizeBucket(b.Key, b.Key * 2 - 1, b.Value)).ToList());
    }
}
