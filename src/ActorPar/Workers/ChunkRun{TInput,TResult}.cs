using System.Diagnostics;
using System.Runtime.CompilerServices;
using ActorPar.Chunks;
using ActorPar.Coordination;
using ActorPar.Messaging;

namespace ActorPar.Workers;

/// <summary>
/// Runs a chunk's elements through a <see cref="Worker{TInput,TResult}"/>: inputs read straight
/// from the typed array (or computed, for a range), results written into a
/// <typeparamref name="TResult"/> array, an element that throws recorded by its offset while the
/// others go on. A worker that overrides only <c>Process</c> is called directly; one that
/// overrides <c>ProcessAsync</c> may go asynchronous on any element. The clock is read every so
/// many elements, more often when elements are slow, so a slice ends on time without a clock
/// read per tiny element.
/// </summary>
internal sealed class ChunkRun<TInput, TResult> : ChunkRun
{
    private static readonly long TicksFast = Stopwatch.Frequency / 20_000; // 50 µs
    private static readonly long TicksSlow = Stopwatch.Frequency / 1_000;  // 1 ms

    private readonly Func<TInput, TResult> _process;
    private readonly Func<TInput, CancellationToken, ValueTask<TResult>>? _processAsync;
    private readonly string _workerName;
    private readonly TInput[]? _typed;
    private readonly RangeItems? _range;
    private readonly ChunkItems _inputs;
    private readonly TResult[] _results;
    private readonly List<ElementFailure> _failures = [];
    private Task<TResult>? _pending;
    private int _stride = 1, _countdown = 1;
    private long _lastCheck = Stopwatch.GetTimestamp();

    public ChunkRun(Chunk chunk, Func<TInput, TResult> process, Func<TInput, CancellationToken, ValueTask<TResult>>? processAsync, string workerName)
        : base(chunk)
    {
        (_process, _processAsync, _workerName, _inputs) = (process, processAsync, workerName, chunk.Inputs);
        _typed = chunk.Inputs.AsArray<TInput>();
        _range = chunk.Inputs as RangeItems;
        _results = new TResult[chunk.Count];
    }

    public override RunState Run(long deadline, CancellationToken cancellation)
    {
        while (Done < Limit)
        {
            var index = Done;
            if (!TryInput(index, out var input, out var wrongType))
            {
                _failures.Add(new ElementFailure(index, wrongType!));
                Done++;
                continue;
            }
            if (_processAsync is null)
            {
                try { _results[index] = _process(input); }
                catch (Exception e) { _failures.Add(new ElementFailure(index, Describe(e))); }
            }
            else
            {
                ValueTask<TResult> step;
                try { step = _processAsync(input, cancellation); }
                catch (Exception e)
                {
                    _failures.Add(new ElementFailure(index, Describe(e)));
                    Done++;
                    continue;
                }
                if (!step.IsCompleted)
                {
                    Pending = _pending = step.AsTask();
                    return RunState.Awaiting;
                }
                try { _results[index] = step.Result; }
                catch (Exception e) { _failures.Add(new ElementFailure(index, Describe(e))); }
            }
            Done++;
            if (Done < Limit && TimeUp(deadline)) return RunState.Yielded;
        }
        return RunState.Finished;
    }

    public override Task<object?> PendingBoxed() =>
        _pending!.ContinueWith(static t => (object?)t.GetAwaiter().GetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    public override void Settle(object? result, Exception? error)
    {
        Pending = _pending = null;
        if (Done >= Limit) return; // stopped early: the element is handed back, not reported
        if (error is null) _results[Done] = (TResult)result!;
        else _failures.Add(new ElementFailure(Done, Describe(error)));
        Done++;
    }

    protected override (ChunkItems Results, ElementFailure[] Failures) Outcomes(WireTypes wire)
    {
        var results = _results;
        if (Done < results.Length) Array.Resize(ref results, Done);
        var refused = new List<ElementFailure>();
        ChunkItems items;
        if (SameType(results))
        {
            // The exact type of every result is TResult: one check for all of them.
            var type = typeof(TResult);
            if (type != typeof(object) && !type.IsInterface && !type.IsAbstract && wire.Problem(type) is { } problem)
            {
                var failed = new HashSet<int>(_failures.Select(f => f.Offset));
                for (var i = 0; i < results.Length; i++)
                    if (!failed.Contains(i)) refused.Add(new ElementFailure(i, CannotTravel(type, problem)));
            }
            // Results that cannot travel stay here: their places go back empty, their errors say why.
            items = refused.Count == 0 ? new ArrayItems(results) : new ArrayItems(new object?[results.Length]);
        }
        else
        {
            var failed = new HashSet<int>(_failures.Select(f => f.Offset));
            var boxed = new object?[results.Length];
            for (var i = 0; i < results.Length; i++)
            {
                boxed[i] = results[i];
                if (!failed.Contains(i) && boxed[i]?.GetType() is { } own && wire.Problem(own) is { } problem)
                {
                    refused.Add(new ElementFailure(i, CannotTravel(own, problem)));
                    boxed[i] = null;
                }
            }
            items = new ArrayItems(boxed);
        }
        if (refused.Count == 0) return (items, [.. _failures]);
        return (items, [.. _failures.Concat(refused).OrderBy(f => f.Offset)]);
    }

    /// <summary>Whether every result's own type is <typeparamref name="TResult"/> (always, for a value type or a sealed class).</summary>
    private static bool SameType(TResult[] results)
    {
        if (typeof(TResult).IsValueType || typeof(TResult).IsSealed) return true;
        foreach (var result in results)
            if (result is not null && result.GetType() != typeof(TResult)) return false;
        return true;
    }

    private static string CannotTravel(Type type, string problem) => $"its result of type {type.FullName} cannot be sent back: {problem}";

    private bool TryInput(int index, out TInput input, out string? wrongType)
    {
        wrongType = null;
        if (_typed is not null)
        {
            input = _typed[index];
            return true;
        }
        if (_range is not null && typeof(TInput) == typeof(long))
        {
            var value = _range.First + index;
            input = Unsafe.As<long, TInput>(ref value);
            return true;
        }
        var boxed = _inputs.Get(index);
        if (boxed is TInput typed || (boxed is null && default(TInput) is null))
        {
            input = (TInput)boxed!;
            return true;
        }
        input = default!;
        wrongType = $"{_workerName} takes {typeof(TInput).Name}, not {boxed?.GetType().Name ?? "null"}.";
        return false;
    }

    /// <summary>Whether the slice is over. The clock is read every <c>_stride</c> elements: more of them when elements are fast.</summary>
    private bool TimeUp(long deadline)
    {
        if (--_countdown > 0) return false;
        var now = Stopwatch.GetTimestamp();
        var since = now - _lastCheck;
        _lastCheck = now;
        if (since < TicksFast) _stride = Math.Min(_stride * 2, 1 << 16);
        else if (since > TicksSlow) _stride = Math.Max(1, _stride / 4);
        _countdown = _stride;
        return now >= deadline;
    }
}
