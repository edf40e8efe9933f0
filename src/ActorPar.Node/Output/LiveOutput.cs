using ActorPar.Chunks;
using Spectre.Console;

namespace ActorPar.Node.Output;

/// <summary>Output for a terminal: a live progress display (done / total, and one bar per node), with result lines scrolling above it.</summary>
public sealed class LiveOutput : IJobOutput
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ProgressTask> _nodes = new(StringComparer.Ordinal);
    private ProgressContext? _context;
    private ProgressTask? _overall;
    private long? _total;

    public async Task<T> ShowProgressAsync<T>(long? total, Func<Task<T>> job)
    {
        _total = total;
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ValueColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                lock (_gate)
                {
                    _nodes.Clear();
                    _context = context;
                    _overall = context.AddTask("[bold]all tasks[/]", maxValue: total ?? 1);
                }
                result = await job();
                lock (_gate)
                {
                    if (_total is null && _overall is not null) _overall.MaxValue = Math.Max(1, _overall.Value);
                    _context = null;
                }
            });
        return result;
    }

    /// <summary>Writes above the display; text of several lines is written line by line, which the display redraws around.</summary>
    public void Line(string text)
    {
        lock (_gate)
            foreach (var line in text.Split('\n'))
                AnsiConsole.WriteLine(line.TrimEnd('\r'));
    }

    public void Progress(IReadOnlyList<ResultRun> results)
    {
        lock (_gate)
        {
            if (_context is null || _overall is null) return;
            _overall.Increment(results.Sum(r => r.Count));
            if (_total is null) _overall.MaxValue = _overall.Value + 1;
            foreach (var group in results.Where(r => !r.Failed).GroupBy(r => r.Worker.Node))
            {
                if (!_nodes.TryGetValue(group.Key, out var bar))
                    _nodes[group.Key] = bar = _context.AddTask(Markup.Escape(PlainOutput.ShortNode(group.Key)), maxValue: _total ?? 1);
                bar.Increment(group.Sum(r => r.Count));
                if (_total is null) bar.MaxValue = _overall.MaxValue;
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Shows done / total next to each bar.</summary>
    private sealed class ValueColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text($"{task.Value:0}/{task.MaxValue:0}");
    }
}
