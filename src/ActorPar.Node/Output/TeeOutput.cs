using ActorPar.Chunks;

namespace ActorPar.Node.Output;

/// <summary>Shows a run on one output and keeps a plain copy of it in another (<c>--log FILE</c>).</summary>
public sealed class TeeOutput(IJobOutput shown, PlainOutput copy) : IJobOutput
{
    public Task<T> ShowProgressAsync<T>(long? total, Func<Task<T>> job) =>
        shown.ShowProgressAsync(total, () => copy.ShowProgressAsync(total, job));

    public void Line(string text)
    {
        shown.Line(text);
        copy.Line(text);
    }

    public void Progress(IReadOnlyList<ResultRun> results)
    {
        shown.Progress(results);
        copy.Progress(results);
    }

    public async ValueTask DisposeAsync()
    {
        await shown.DisposeAsync();
        await copy.DisposeAsync();
    }
}
