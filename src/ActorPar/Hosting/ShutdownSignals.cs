using System.Runtime.InteropServices;

namespace ActorPar.Hosting;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM into a task, instead of letting them kill the process,
/// so that a node can stop its work in order and exit with 130 or 143. There is one for the
/// process (<see cref="ForProcess"/>), registered from the program's first moment to its exit:
/// a signal that came before the handlers were registered, or after they were given back,
/// would otherwise take the default action and kill the process mid-start or mid-exit. When
/// the environment names a parent (<c>ACTORPAR_PARENT_PID</c>, set by test harnesses and pools)
/// and that process disappears, it counts as SIGTERM, so a node never outlives whoever started it.
/// </summary>
public sealed class ShutdownSignals
{
    /// <summary>The environment variable that names the process whose end counts as SIGTERM.</summary>
    public const string ParentVariable = "ACTORPAR_PARENT_PID";

    private static readonly Lazy<ShutdownSignals> Process = new(() => new ShutdownSignals(listen: true));

    private readonly TaskCompletionSource<int> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _signalled = new();
    // Kept referenced for the life of the process: a collected registration would be given back.
    private readonly PosixSignalRegistration[] _registrations;

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

    /// <summary>This process's signals; the first call registers the handlers.</summary>
    public static ShutdownSignals ForProcess => Process.Value;

    /// <summary>
    /// Signals that no operating system sends: only <see cref="Send"/> raises them. For a node
    /// hosted inside another program (ActorPar.TestKit's in-process cluster), whose SIGINT and
    /// SIGTERM belong to that program.
    /// </summary>
    public static ShutdownSignals InProcess() => new(listen: false);

    /// <summary>Acts as if the signal that ends with <paramref name="exitCode"/> (130 SIGINT, 143 SIGTERM) had arrived.</summary>
    public void Send(int exitCode) => Signalled(exitCode);

    /// <summary>Completes with the exit code of the first signal: 130 for SIGINT, 143 for SIGTERM.</summary>
    public Task<int> Received => _received.Task;

    /// <summary>Cancelled by the first signal, for work that a signal should cut short.</summary>
    public CancellationToken Token => _signalled.Token;

    /// <summary>The first signal's name, for the line a program prints when it acts on it.</summary>
    public string? Name => Received.IsCompleted ? (Received.Result == ExitCodes.Interrupted ? "SIGINT" : "SIGTERM") : null;

    private async Task WatchParentAsync(int parent)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync())
        {
            if (Directory.Exists($"/proc/{parent}")) continue;
            Signalled(ExitCodes.Terminated);
            return;
        }
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        Signalled(context.Signal == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated);
    }

    private void Signalled(int exitCode)
    {
        if (_received.TrySetResult(exitCode)) _signalled.Cancel();
    }
}
