using ActorPar.Coordination;

namespace ActorPar.Chunks;

/// <summary>
/// Inputs from an <see cref="IAsyncEnumerable{T}"/>. A chunk takes what the source has ready;
/// when it has nothing ready, the read says so and the coordinator goes on with other messages,
/// to be woken when the source has more. The coordinator's thread never waits for a source.
/// </summary>
internal sealed class AsyncEnumerableInputs<T>(IAsyncEnumerable<T> inputs, long? count) : JobInputs(count)
{
    internal override InputReader Open(Action wake) => new Reader(inputs, wake);

    private sealed class Reader(IAsyncEnumerable<T> inputs, Action wake) : InputReader
    {
        private readonly CancellationTokenSource _stop = new();
        private IAsyncEnumerator<T>? _source;
        private Task<bool>? _moving;
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
            var chunk = new ChunkBuffer<T>(max, null);
            while (!chunk.Full)
            {
                var next = Next(out var item);
                if (next != true) break;
                if (ChunkBuffer<T>.MayBeInvalid && item is InvalidInput invalid)
                {
                    if (chunk.Count == 0) return InputRead.Invalid(invalid.Error);
                    (_next, _peeked) = (item, true);
                    break;
                }
                chunk.Add(item);
            }
            if (chunk.Count > 0) return InputRead.Of(chunk.Build());
            if (_error is not null) return Read(max);
            return _ended ? InputRead.End : InputRead.Pending;
        }

        public override bool? HasMore()
        {
            if (_peeked) return true;
            var next = Next(out var item);
            if (next == true) (_next, _peeked) = (item, true);
            return next == false && _error is not null ? true : next; // an error is read next, as an invalid input
        }

        /// <summary>The next item: true with it, false at the end, null when it is not ready (the reader then wakes the coordinator).</summary>
        private bool? Next(out T item)
        {
            item = default!;
            if (_peeked)
            {
                (item, _peeked) = (_next, false);
                return true;
            }
            if (_ended) return false;
            try
            {
                bool more;
                if (_moving is { } moving)
                {
                    if (!moving.IsCompleted) return null;
                    _moving = null;
                    more = moving.GetAwaiter().GetResult();
                }
                else
                {
                    _source ??= inputs.GetAsyncEnumerator(_stop.Token);
                    var step = _source.MoveNextAsync();
                    if (!step.IsCompleted)
                    {
                        _moving = step.AsTask();
                        _moving.ContinueWith(_ => wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        return null;
                    }
                    more = step.GetAwaiter().GetResult();
                }
                if (!more)
                {
                    Dispose();
                    return false;
                }
                item = _source!.Current;
                return true;
            }
            catch (Exception e)
            {
                _error = ChunkBuffer<T>.SourceFailed(e);
                Dispose();
                return false;
            }
        }

        public override void Dispose()
        {
            if (_ended) return;
            _ended = true;
            _stop.Cancel();
            var source = _source;
            if (source is null) return;
            // An enumerator must not be disposed while a MoveNextAsync is under way: after it, then.
            var moving = _moving ?? Task.FromResult(false);
            moving.ContinueWith(_ => source.DisposeAsync().AsTask(), TaskScheduler.Default);
        }
    }
}
