using ActorPar.Coordination;

namespace ActorPar.Chunks;

/// <summary>
/// What reading a source of <typeparamref name="T"/> comes to, whether the source is synchronous
/// or not: a chunk filled with the next items; an <see cref="InvalidInput"/> that ends a chunk and
/// fails on its own at the next read; and a source that throws, whose next position fails with
/// the reason, after which nothing more is read.
/// </summary>
internal abstract class ItemReader<T>(Type? runtimeType) : InputReader
{
    private bool _peeked;
    private T _next = default!;
    private string? _error;

    /// <summary>Whether the source has ended (or failed, or the reader was disposed).</summary>
    protected bool Ended { get; private set; }

    /// <summary>The source's next item: true with it, false at its end, null when none is ready yet. It may throw.</summary>
    protected abstract bool? MoveNext(out T item);

    /// <summary>Lets the source go, once, when it ended or the reader is disposed.</summary>
    protected abstract void Close();

    public sealed override InputRead Read(int max)
    {
        if (_error is { } error)
        {
            _error = null;
            return InputRead.Invalid(error);
        }
        var chunk = new ChunkBuffer<T>(max, runtimeType);
        while (!chunk.Full && Next(out var item) == true)
        {
            if (ChunkBuffer<T>.MayBeInvalid && item is InvalidInput invalid)
            {
                if (chunk.Count == 0) return InputRead.Invalid(invalid.Error);
                (_next, _peeked) = (item, true); // it ends this chunk, and fails on its own next time
                break;
            }
            chunk.Add(item);
        }
        if (chunk.Count > 0) return InputRead.Of(chunk.Build());
        if (_error is not null) return Read(max);
        return Ended ? InputRead.End : InputRead.Pending;
    }

    public sealed override bool? HasMore()
    {
        if (_peeked) return true;
        var next = Next(out var item);
        if (next == true) (_next, _peeked) = (item, true);
        return next == false && _error is not null ? true : next; // an error is read next, as an invalid input
    }

    public sealed override void Dispose()
    {
        if (Ended) return;
        Ended = true;
        Close();
    }

    private bool? Next(out T item)
    {
        item = default!;
        if (_peeked)
        {
            (item, _peeked) = (_next, false);
            return true;
        }
        if (Ended) return false;
        try
        {
            var more = MoveNext(out item);
            if (more == false) Dispose();
            return more;
        }
        catch (Exception e)
        {
            _error = ChunkBuffer<T>.SourceFailed(e);
            Dispose();
            return false;
        }
    }
}
