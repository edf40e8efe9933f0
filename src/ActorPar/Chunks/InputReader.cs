namespace ActorPar.Chunks;

/// <summary>Reads a job's inputs a chunk at a time, for the coordinator's ledger. It never blocks on an asynchronous source.</summary>
internal abstract class InputReader : IDisposable
{
    /// <summary>Up to <paramref name="max"/> inputs at the next positions, an input that is invalid, nothing yet, or the end.</summary>
    public abstract InputRead Read(int max);

    /// <summary>Whether inputs remain: true, false, or null when an asynchronous source has not said yet.</summary>
    public abstract bool? HasMore();

    /// <summary>Stops reading: the rest of the source is never asked for.</summary>
    public virtual void Dispose() { }
}

/// <summary>What <see cref="InputReader.Read"/> found.</summary>
internal readonly record struct InputRead(InputReadKind Kind, ChunkItems? Items = null, string? Error = null)
{
    public static readonly InputRead End = new(InputReadKind.End);
    public static readonly InputRead Pending = new(InputReadKind.Pending);
    public static InputRead Of(ChunkItems items) => new(InputReadKind.Items, items);
    public static InputRead Invalid(string error) => new(InputReadKind.Invalid, Error: error);
}

internal enum InputReadKind
{
    /// <summary>Inputs, one or more.</summary>
    Items,
    /// <summary>The next input could not be read: its task fails with the error.</summary>
    Invalid,
    /// <summary>None ready yet: the reader will wake the coordinator.</summary>
    Pending,
    /// <summary>No more.</summary>
    End,
}
