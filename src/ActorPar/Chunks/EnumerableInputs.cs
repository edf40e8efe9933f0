using ActorPar.Coordination;

namespace ActorPar.Chunks;

/// <summary>Inputs from an <see cref="IEnumerable{T}"/>, read on the coordinator's thread a chunk at a time.</summary>
internal class EnumerableInputs<T>(IEnumerable<T> inputs, long? count, Type? runtimeType = null) : JobInputs(count)
{
    internal override InputReader Open(Action wake) => new Reader(inputs, runtimeType);

    private sealed class Reader(IEnumerable<T> inputs, Type? runtimeType) : InputReader
    {
        private IEnumerator<T>? _source;
        private bool _ended, _peeked;
        private T _next = default!;
        private string? _error;

        public override InputRead Read(int max)
        {
            if (_error is { } error)
            {
                _error = null;
                return InputRead.Invalid(error);
            }
            var chunk = new ChunkBuffer<T>(max, runtimeType);
            try
            {
                while (!chunk.Full && Next(out var item))
                {
                    if (ChunkBuffer<T>.MayBeInvalid && item is InvalidInput invalid)
                    {
                        if (chunk.Count == 0) return InputRead.Invalid(invalid.Error);
                        (_next, _peeked) = (item, true); // it ends this chunk, and fails on its own next time
                        break;
                    }
                    chunk.Add(item);
                }
            }
            catch (Exception e)
            {
                Fail(e);
                if (chunk.Count == 0) return Read(max);
            }
            return chunk.Count > 0 ? InputRead.Of(chunk.Build()) : InputRead.End;
        }

        public override bool? HasMore()
        {
            if (_peeked) return true;
            try
            {
                if (!Next(out _next)) return false;
            }
            catch (Exception e)
            {
                Fail(e);
                return true; // the next read reports it as an invalid input
            }
            _peeked = true;
            return true;
        }

        private bool Next(out T item)
        {
            if (_peeked)
            {
                (item, _peeked) = (_next, false);
                return true;
            }
            item = default!;
            if (_ended) return false;
            _source ??= inputs.GetEnumerator();
            if (_source.MoveNext())
            {
                item = _source.Current;
                return true;
            }
            End();
            return false;
        }

        /// <summary>The source threw: its next position fails with the reason, and nothing more is read.</summary>
        private void Fail(Exception e)
        {
            _error = ChunkBuffer<T>.SourceFailed(e);
            End();
        }

        private void End()
        {
            _ended = true;
            _source?.Dispose();
        }

        public override void Dispose() => End();
    }
}

/// <summary>Inputs of a type known only at run time, each of it or an <see cref="InvalidInput"/>; typed arrays of that type travel.</summary>
internal sealed class UntypedInputs(Type elementType, IEnumerable<object?> inputs, long? count)
    : EnumerableInputs<object?>(inputs, count, elementType);
