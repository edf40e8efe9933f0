using System.Numerics;

namespace ActorPar.Coordination;

/// <summary>
/// Which input positions of a job are resolved (completed, or failed for good): one bit each,
/// set and read a 64-bit word at a time, so that recording a run of thousands costs a few word
/// operations, and a late duplicate is still recognised element by element. Pages that fill up
/// are dropped and remembered as full, so a long job holds bits only around what is in flight.
/// </summary>
internal sealed class ResolvedPositions
{
    private const int WordsPerPage = 1 << 12; // 4,096 words: 262,144 positions, 32 KB
    private const long PositionsPerPage = WordsPerPage * 64L;
    private static readonly ulong[] Full = [];
    private readonly List<ulong[]?> _pages = [];
    private readonly List<int> _setInPage = [];

    /// <summary>How many positions are set.</summary>
    public long Count { get; private set; }

    public bool Get(long position)
    {
        var page = Page(position, create: false);
        if (page is null) return false;
        if (ReferenceEquals(page, Full)) return true;
        var word = (int)(position % PositionsPerPage >> 6);
        return (page[word] & (1UL << (int)(position & 63))) != 0;
    }

    /// <summary>Sets <paramref name="count"/> positions from <paramref name="first"/>; returns how many were not set before.</summary>
    public int Set(long first, int count)
    {
        var added = 0;
        ForEachWord(first, count, create: true, (page, index, word, mask) =>
        {
            if (ReferenceEquals(page, Full)) return;
            var fresh = mask & ~page![word];
            if (fresh == 0) return;
            page[word] |= fresh;
            var bits = BitOperations.PopCount(fresh);
            added += bits;
            _setInPage[index] += bits;
            if (_setInPage[index] == PositionsPerPage) _pages[index] = Full;
        });
        Count += added;
        return added;
    }

    /// <summary>How many of <paramref name="count"/> positions from <paramref name="first"/> are set.</summary>
    public int CountSet(long first, int count)
    {
        var set = 0;
        ForEachWord(first, count, create: false, (page, _, word, mask) =>
            set += page is null ? 0 : ReferenceEquals(page, Full) ? BitOperations.PopCount(mask) : BitOperations.PopCount(page[word] & mask));
        return set;
    }

    /// <summary>
    /// The unset stretches among <paramref name="count"/> positions from <paramref name="first"/>,
    /// in order: what a run of outcomes newly resolves when some of its positions already were.
    /// </summary>
    public List<(long First, int Count)> UnsetRuns(long first, int count)
    {
        var runs = new List<(long, int)>();
        long? start = null;
        for (long position = first, end = first + count; position <= end; position++)
        {
            var unset = position < end && !Get(position);
            if (unset && start is null) start = position;
            else if (!unset && start is { } open)
            {
                runs.Add((open, (int)(position - open)));
                start = null;
            }
        }
        return runs;
    }

    private ulong[]? Page(long position, bool create)
    {
        var index = (int)(position / PositionsPerPage);
        if (create)
            while (_pages.Count <= index)
            {
                _pages.Add(new ulong[WordsPerPage]);
                _setInPage.Add(0);
            }
        return index < _pages.Count ? _pages[index] : null;
    }

    private delegate void WordAction(ulong[]? page, int pageIndex, int word, ulong mask);

    private void ForEachWord(long first, int count, bool create, WordAction action)
    {
        var position = first;
        var end = first + count;
        while (position < end)
        {
            var page = Page(position, create);
            var pageIndex = (int)(position / PositionsPerPage);
            var bit = (int)(position & 63);
            var take = (int)Math.Min(64 - bit, end - position);
            var mask = (take == 64 ? ulong.MaxValue : ((1UL << take) - 1)) << bit;
            action(page, pageIndex, (int)(position % PositionsPerPage >> 6), mask);
            position += take;
        }
    }
}
