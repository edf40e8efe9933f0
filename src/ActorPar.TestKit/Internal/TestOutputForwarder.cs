using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorPar.TestKit.Internal;

/// <summary>
/// Writes one node's log events to xunit's output, each line prefixed with the node's name:
/// ActorPar's own at the node's log level, Akka's internals only from warnings up. Lines that
/// come after the test has ended are dropped (xunit no longer takes them).
/// </summary>
internal sealed class TestOutputForwarder : ReceiveActor
{
    public TestOutputForwarder(ITestOutputHelper output, string node)
    {
        Receive<LogEvent>(e =>
        {
            var ours = e.LogClass?.Namespace?.StartsWith("ActorPar", StringComparison.Ordinal) == true;
            if (!ours && e.LogLevel() < LogLevel.WarningLevel) return;
            var cause = e.Cause is { } error ? $" ({error.GetType().Name}: {error.Message})" : "";
            try { output.WriteLine($"[{node}] {e.Timestamp.ToLocalTime():HH:mm:ss.fff} {e.LogLevel().ToString().Replace("Level", "").ToUpperInvariant()} {e.Message}{cause}"); }
            catch (InvalidOperationException) { /* the test is over */ }
        });
    }
}

/// <summary>Sends a node's log to xunit's output through a <see cref="TestOutputForwarder"/>.</summary>
internal static class TestOutput
{
    /// <summary>Sends <paramref name="system"/>'s log to <paramref name="output"/>, if there is one.</summary>
    public static void Attach(ActorSystem system, ITestOutputHelper? output, string node)
    {
        if (output is null) return;
        var forwarder = system.ActorOf(Props.Create(() => new TestOutputForwarder(output, node)).WithDeploy(Deploy.Local), "test-output");
        system.EventStream.Subscribe(forwarder, typeof(LogEvent));
    }
}
