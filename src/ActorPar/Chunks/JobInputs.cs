namespace ActorPar.Chunks;

/// <summary>
/// A job's inputs, read lazily: the coordinator reads a chunk's worth into one typed array only
/// when it lends that chunk, so a job of ten million inputs holds only those in flight. A range
/// (<see cref="Range"/>) is never read at all: only its first value and count travel.
/// </summary>
public abstract class JobInputs
{
    private protected JobInputs(long? count) => Count = count;

    /// <summary>How many inputs there are, when known up front: it sizes the chunks near the end of the job, and the progress shown.</summary>
    public long? Count { get; }

    /// <summary>The numbers <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1, as longs: what <c>range(N)</c> is to <c>Pool.map</c>.</summary>
    public static JobInputs Range(long first, long count) => new RangeInputs(first, count);

    /// <summary>
    /// The items of <paramref name="inputs"/>, read as chunks are lent. An item that is an
    /// <see cref="Coordination.InvalidInput"/> (possible when <typeparamref name="T"/> is
    /// <c>object</c>) fails its task at once, with its error. <paramref name="count"/>: how many
    /// there are, when known (a list or an array says so itself).
    /// </summary>
    public static JobInputs From<T>(IEnumerable<T> inputs, long? count = null) =>
        new EnumerableInputs<T>(inputs, count ?? (inputs.TryGetNonEnumeratedCount(out var known) ? known : null));

    /// <summary>The items of <paramref name="inputs"/>, read as chunks are lent; the coordinator never waits for one.</summary>
    public static JobInputs From<T>(IAsyncEnumerable<T> inputs, long? count = null) => new AsyncEnumerableInputs<T>(inputs, count);

    /// <summary>
    /// Inputs whose type is known only at run time (a worker named in configuration): each is an
    /// <paramref name="elementType"/>, or an <see cref="Coordination.InvalidInput"/> that fails its task.
    /// </summary>
    public static JobInputs Of(Type elementType, IEnumerable<object?> inputs, long? count) => new UntypedInputs(elementType, inputs, count);

    /// <summary>Starts reading. <paramref name="wake"/> is called, from any thread, when inputs that were not ready are.</summary>
    internal abstract InputReader Open(Action wake);
}

/// <summary>The numbers first..first + count - 1, which never exist as an array.</summary>
internal sealed class RangeInputs(long first, long count) : JobInputs(count)
{
    internal override InputReader Open(Action wake) => new Reader(first, count);

    private sealed class Reader(long first, long count) : InputReader
    {
        private long _read;

        public override InputRead Read(int max)
        {
            if (_read >= count) return InputRead.End;
            var take = (int)Math.Min(max, count - _read);
            var items = new RangeItems(first + _read, take);
            _read += take;
            return InputRead.Of(items);
        }

        public override bool? HasMore() => _read < count;
    }
}
