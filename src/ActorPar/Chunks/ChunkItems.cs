namespace ActorPar.Chunks;

/// <summary>
/// The values of a chunk's elements, in order: its inputs on the way to a worker, its results
/// on the way back. Numbers in a row (<see cref="RangeItems"/>) travel as their first value and
/// their count; anything else as one array (<see cref="ArrayItems"/>), typed when every element
/// has the array's own type, so that no element is boxed or tagged on the wire.
/// </summary>
public abstract class ChunkItems
{
    /// <summary>No values.</summary>
    public static readonly ChunkItems None = new ArrayItems(Array.Empty<object?>());

    /// <summary>How many values.</summary>
    public abstract int Count { get; }

    /// <summary>The type every value has (or, for an array of <c>object</c>, each value says its own).</summary>
    public abstract Type ElementType { get; }

    /// <summary>The value at <paramref name="index"/>, boxed: for the few consumers that want one value at a time.</summary>
    public abstract object? Get(int index);

    /// <summary>The values at <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> - 1.</summary>
    public abstract ChunkItems Slice(int offset, int count);

    /// <summary>Copies every value into <paramref name="destination"/>: a block copy when the values are already <typeparamref name="T"/>.</summary>
    public abstract void CopyTo<T>(Span<T> destination);

    /// <summary>The values as a <typeparamref name="T"/> array when they are one, else null.</summary>
    public virtual T[]? AsArray<T>() => null;

    /// <summary>Typed values.</summary>
    public static ChunkItems Of<T>(T[] values) => new ArrayItems(values);

    /// <summary>The parts one after another: one typed array when they share a type, else an array of objects.</summary>
    public static ChunkItems Concat(IReadOnlyList<ChunkItems> parts)
    {
        if (parts.Count == 1) return parts[0];
        var count = parts.Sum(p => p.Count);
        var type = parts.Count == 0 ? typeof(object) : parts[0].ElementType;
        if (parts.Any(p => p.ElementType != type)) type = typeof(object);
        var values = Array.CreateInstance(type, count);
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyInto(values, at);
            at += part.Count;
        }
        return new ArrayItems(values);
    }

    /// <summary>Copies every value into <paramref name="destination"/> from <paramref name="at"/> on; its element type is this one's, or object.</summary>
    internal abstract void CopyInto(Array destination, int at);
}

/// <summary>The numbers <see cref="First"/>, <see cref="First"/> + 1, ...: a range of longs, which travels as two numbers.</summary>
public sealed class RangeItems(long first, int count) : ChunkItems
{
    /// <summary>The first number.</summary>
    public long First { get; } = first;
    /// <inheritdoc />
    public override int Count { get; } = count;
    /// <inheritdoc />
    public override Type ElementType => typeof(long);
    /// <inheritdoc />
    public override object? Get(int index) => First + index;
    /// <inheritdoc />
    public override ChunkItems Slice(int offset, int count) => new RangeItems(First + offset, count);

    /// <inheritdoc />
    public override void CopyTo<T>(Span<T> destination)
    {
        if (typeof(T) == typeof(long))
        {
            for (var i = 0; i < Count; i++) System.Runtime.CompilerServices.Unsafe.As<T, long>(ref destination[i]) = First + i;
        }
        else
            for (var i = 0; i < Count; i++) destination[i] = (T)Get(i)!;
    }

    internal override void CopyInto(Array destination, int at)
    {
        if (destination is long[] longs)
            for (var i = 0; i < Count; i++) longs[at + i] = First + i;
        else
            for (var i = 0; i < Count; i++) destination.SetValue(First + i, at + i);
    }

    /// <inheritdoc />
    public override string ToString() => $"{First}..{First + Count - 1}";
}

/// <summary>Values in an array: typed (<c>long[]</c>, <c>MyRecord[]</c>), or <c>object[]</c> when they differ in type.</summary>
public sealed class ArrayItems(Array values) : ChunkItems
{
    /// <summary>The array.</summary>
    public Array Values { get; } = values;
    /// <inheritdoc />
    public override int Count => Values.Length;
    /// <inheritdoc />
    public override Type ElementType => Values.GetType().GetElementType()!;
    /// <inheritdoc />
    public override object? Get(int index) => Values.GetValue(index);
    /// <inheritdoc />
    public override T[]? AsArray<T>() => Values as T[];

    /// <inheritdoc />
    public override ChunkItems Slice(int offset, int count)
    {
        if (offset == 0 && count == Values.Length) return this;
        var slice = Array.CreateInstance(ElementType, count);
        Array.Copy(Values, offset, slice, 0, count);
        return new ArrayItems(slice);
    }

    /// <inheritdoc />
    public override void CopyTo<T>(Span<T> destination)
    {
        if (Values is T[] typed) typed.AsSpan().CopyTo(destination);
        else
            for (var i = 0; i < Values.Length; i++) destination[i] = (T)Values.GetValue(i)!;
    }

    internal override void CopyInto(Array destination, int at) => Array.Copy(Values, 0, destination, at, Values.Length);
}
