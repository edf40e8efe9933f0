using System.Runtime.InteropServices;

namespace ActorPar.Hosting;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM into a task, instead of letting them kill the process,
/// so that a node can stop its work in order and exit with 130 or 143.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly TaskCompletionSource<int> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>Completes with the exit code of the first signal: 130 for SIGINT, 143 for SIGTERM.</summary>
    public Task<int> Received => _received.Task;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        _received.TrySetResult(context.Signal == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }
}
