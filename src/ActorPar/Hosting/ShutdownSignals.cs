using System.Runtime.InteropServices;

namespace ActorPar.Hosting;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM into a task, instead of letting them kill the process,
/// so that a node can stop its work in order and exit with 130 or 143. When the environment
/// names a parent (<c>ACTORPAR_PARENT_PID</c>, set by test harnesses) and that process
/// disappears, it counts as SIGTERM, so a node never outlives whoever started it.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    public const string ParentVariable = "ACTORPAR_PARENT_PID";

    private readonly TaskCompletionSource<int> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration[] _registrations;
    private readonly CancellationTokenSource _disposed = new();
    private readonly CancellationTokenSource _signalled = new();

    /// <summary>Listens for SIGINT and SIGTERM, and for the parent named in <c>ACTORPAR_PARENT_PID</c>.</summary>
    public ShutdownSignals() : this(listen: true)
    {
    }

    private ShutdownSignals(bool listen)
    {
        _registrations = listen
            ?
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            ]
            : [];
        if (listen && int.TryParse(Environment.GetEnvironmentVariable(ParentVariable), out var parent)) _ = WatchParentAsync(parent);
    }

    /// <summary>
    /// Signals that no operating system sends: only <see cref="Send"/> raises them. For a node
    /// hosted inside another program (ActorPar.TestKit's in-process cluster), whose SIGINT and
    /// SIGTERM belong to that program.
    /// </summary>
    public static ShutdownSignals InProcess() => new(listen: false);

    /// <summary>Acts as if the signal that ends with <paramref name="exitCode"/> (130 SIGINT, 143 SIGTERM) had arrived.</summary>
    public void Send(int exitCode) => Signalled(exitCode);

    private async Task WatchParentAsync(int parent)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                if (Directory.Exists($"/proc/{parent}")) continue;
                Signalled(ExitCodes.Terminated);
                return;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Completes with the exit code of the first signal: 130 for SIGINT, 143 for SIGTERM.</summary>
    public Task<int> Received => _received.Task;

    /// <summary>Cancelled by the first signal, for work that a signal should cut short.</summary>
    public CancellationToken Token => _signalled.Token;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        Signalled(context.Signal == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated);
    }

    private void Signalled(int exitCode)
    {
        if (!_received.TrySetResult(exitCode)) return;
        try { _signalled.Cancel(); }
        catch (ObjectDisposedException) { /* signalled while disposing */ }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        foreach (var registration in _registrations) registration.Dispose();
        _signalled.Dispose();
    }
}
