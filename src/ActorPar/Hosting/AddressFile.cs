using Akka.Actor;

namespace ActorPar.Hosting;

/// <summary>Publishes a node's bound address in a file, written whole so that a reader never sees half of it, and waits for one.</summary>
public static class AddressFile
{
    /// <summary>Writes <paramref name="address"/> to <paramref name="path"/> for whoever waits on it; nothing when the path is null.</summary>
    public static void Write(string? path, Address address)
    {
        if (string.IsNullOrEmpty(path)) return;
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, address + Environment.NewLine);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Waits until <paramref name="path"/> holds an address and returns it. Gives up with a
    /// <see cref="NodeStartException"/> after <paramref name="timeout"/>, or with an
    /// <see cref="OperationCanceledException"/> when <paramref name="signal"/> completes first.
    /// </summary>
    public static async Task<string> WaitAsync(string path, TimeSpan timeout, Task signal)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (signal.IsCompleted) throw new OperationCanceledException("signalled while waiting for the coordinator's address");
            if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } address) return address;
            await poll.WaitForNextTickAsync();
        }
        throw new NodeStartException($"no coordinator address appeared in {path} within {timeout.TotalSeconds:0.#}s");
    }
}
