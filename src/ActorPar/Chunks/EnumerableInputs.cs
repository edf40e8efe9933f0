using ActorPar.Coordination;

namespace ActorPar.Chunks;

/// <summary>Inputs from an <see cref="IEnumerable{T}"/>, read on the coordinator's thread a chunk at a time.</summary>
internal class EnumerableInputs<T>(IEnumerable<T> inputs, long? count, Type? runtimeType = null) : JobInputs(count)
{
    internal override InputReader Open(Action wake) => new Reader(inputs, runtimeType);

    private sealed class Reader(IEnumerable<T> inputs, Type? runtimeType) : ItemReader<T>(runtimeType)
    {
        private IEnumerator<T>? _source;

        protected override bool? MoveNext(out T item)
        {
            _source ??= inputs.GetEnumerator();
            var more = _source.MoveNext();
            item = more ? _source.Current : default!;
            return more;
        }

        protected override void Close() => _source?.Dispose();
    }
}

/// <summary>Inputs of a type known only at run time, each of it or an <see cref="InvalidInput"/>; typed arrays of that type travel.</summary>
internal sealed class UntypedInputs(Type elementType, IEnumerable<object?> inputs, long? count)
    : EnumerableInputs<object?>(inputs, count, elementType);
