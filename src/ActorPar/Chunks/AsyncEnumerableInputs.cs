namespace ActorPar.Chunks;

/// <summary>
/// Inputs from an <see cref="IAsyncEnumerable{T}"/>. A chunk takes what the source has ready;
/// when it has nothing ready, the read says so and the coordinator goes on with other messages,
/// to be woken when the source has more. The coordinator's thread never waits for a source.
/// </summary>
internal sealed class AsyncEnumerableInputs<T>(IAsyncEnumerable<T> inputs, long? count) : JobInputs(count)
{
    internal override InputReader Open(Action wake) => new Reader(inputs, wake);

    private sealed class Reader(IAsyncEnumerable<T> inputs, Action wake) : ItemReader<T>(null)
    {
        private readonly CancellationTokenSource _stop = new();
        private IAsyncEnumerator<T>? _source;
        private Task<bool>? _moving;

        /// <summary>Null when the source's next step is not done yet: the coordinator is woken when it is.</summary>
        protected override bool? MoveNext(out T item)
        {
            item = default!;
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
            if (more) item = _source!.Current;
            return more;
        }

        protected override void Close()
        {
            _stop.Cancel();
            var source = _source;
            if (source is null) return;
            // An enumerator must not be disposed while a MoveNextAsync is under way: after it, then.
            var moving = _moving ?? Task.FromResult(false);
            moving.ContinueWith(_ => source.DisposeAsync().AsTask(), TaskScheduler.Default);
        }
    }
}
