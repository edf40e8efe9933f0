using ActorPar.Chunks;

namespace ActorPar.Node.Output;

/// <summary>Where a coordinator run shows its lines and its progress: a live display on a terminal, plain lines elsewhere.</summary>
public interface IJobOutput : IAsyncDisposable
{
    /// <summary>Runs <paramref name="job"/> while showing progress; lines written meanwhile appear above it.</summary>
    Task<T> ShowProgressAsync<T>(long? total, Func<Task<T>> job);

    void Line(string text);

    /// <summary>Counts results towards the progress display.</summary>
    void Progress(IReadOnlyList<ResultRun> runs);
}
