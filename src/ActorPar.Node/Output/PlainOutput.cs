using ActorPar.Chunks;

namespace ActorPar.Node.Output;

/// <summary>Output for a pipe or a log file: every line as it comes, and a progress line at most once a second.</summary>
public sealed class PlainOutput(TextWriter writer) : IJobOutput
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private readonly SortedDictionary<string, long> _perNode = new(StringComparer.Ordinal);
    private long _done;
    private long? _total;
    private DateTime _lastShown = DateTime.MinValue;

    public Task<T> ShowProgressAsync<T>(long? total, Func<Task<T>> job)
    {
        _total = total;
        _done = 0;
        _perNode.Clear();
        return job();
    }

    public void Line(string text) => writer.WriteLine(text);

    public void Progress(IReadOnlyList<ResultRun> runs)
    {
        foreach (var run in runs)
        {
            _done += run.Count;
            if (!run.Failed) _perNode[run.Worker.Node] = _perNode.GetValueOrDefault(run.Worker.Node) + run.Count;
        }
        if (DateTime.UtcNow - _lastShown < Every && _done != _total) return;
        _lastShown = DateTime.UtcNow;
        var nodes = string.Join(", ", _perNode.Select(n => $"{ShortNode(n.Key)}: {n.Value}"));
        writer.WriteLine($"progress: {_done}/{(_total?.ToString() ?? "?")} done ({nodes})");
    }

    public ValueTask DisposeAsync()
    {
        writer.Flush();
        if (writer != Console.Out) writer.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static string ShortNode(string address) => address.Contains('@') ? address[(address.IndexOf('@') + 1)..] : address;
}
