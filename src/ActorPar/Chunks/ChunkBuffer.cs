using ActorPar.Coordination;

namespace ActorPar.Chunks;

/// <summary>
/// Gathers the inputs of one chunk as they are read, into one typed array. When an element's
/// own type is not the array's (a subclass, in a <c>Base[]</c>), the chunk becomes an array of
/// objects, so that each element travels with its own type and nothing of it is lost.
/// </summary>
internal struct ChunkBuffer<T>(int max, Type? runtimeType)
{
    /// <summary>Reference types that are not sealed may hold values of other types; values types and sealed classes never do.</summary>
    private static readonly bool MayDiffer = !typeof(T).IsValueType && !typeof(T).IsSealed;

    /// <summary>Whether a <typeparamref name="T"/> can be an <see cref="InvalidInput"/> (only when T is object, or InvalidInput itself).</summary>
    public static readonly bool MayBeInvalid = typeof(T).IsAssignableFrom(typeof(InvalidInput));

    private readonly Type _type = runtimeType ?? typeof(T);
    private T[] _values = new T[Math.Min(max, 256)];
    private bool _mixed;

    public int Count { get; private set; }
    public bool Full => Count >= max;

    public void Add(T item)
    {
        if (Count == _values.Length) Array.Resize(ref _values, (int)Math.Min(max, 2L * _values.Length));
        if (MayDiffer && item is not null && item.GetType() != _type) _mixed = true;
        _values[Count++] = item;
    }

    /// <summary>The inputs read: typed unless they differ in type.</summary>
    public ChunkItems Build()
    {
        if (_values.Length != Count) Array.Resize(ref _values, Count);
        if (_mixed || _type == typeof(T)) return new ArrayItems(_mixed && typeof(T) != typeof(object) ? _values.Cast<object?>().ToArray() : _values);
        var typed = Array.CreateInstance(_type, Count);
        Array.Copy(_values, typed, Count);
        return new ArrayItems(typed);
    }

    /// <summary>The one line that says why reading the source failed.</summary>
    public static string SourceFailed(Exception e) =>
        $"reading the job's inputs failed: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ").Trim()}";
}
