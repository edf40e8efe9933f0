using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorPar.TestKit.Internal;

/// <summary>
/// Writes one node's log events to xunit's output, each line prefixed with the node's name:
/// ActorPar's own at the node's log level, Akka's internals only from warnings up. Lines that
/// come after the test has ended are dropped (xunit no longer takes them). Once
/// <see cref="Silenced"/>, as a node about to be killed is, it writes nothing more.
/// </summary>
internal sealed class TestOutputForwarder : ReceiveActor
{
    public TestOutputForwarder(ITestOutputHelper output, string node)
    {
        Receive<LogEvent>(e => Write(output, node, e));
        Receive<Silenced>(_ => Become(() => ReceiveAny(_ => { })));
    }

    private static void Write(ITestOutputHelper output, string node, LogEvent e)
    {
        var ours = e.LogClass?.Namespace?.StartsWith("ActorPar", StringComparison.Ordinal) == true;
        if (!ours && e.LogLevel() < LogLevel.WarningLevel) return;
        var message = e.Message?.ToString() ?? "";
        // Akka's own messages can run to many lines (a stack trace inside a warning): their first line says what happened.
        if (!ours && message.IndexOf('\n') is var newline and >= 0) message = message[..newline].TrimEnd();
        var cause = e.Cause is { } error ? $" ({error.GetType().Name}: {error.Message})" : "";
        var level = e.LogLevel().ToString().Replace("Level", "").ToUpperInvariant();
        try { output.WriteLine($"[{node}] {e.Timestamp.ToLocalTime():HH:mm:ss.fff} {level} {message}{cause}"); }
        catch (InvalidOperationException) { /* the test is over */ }
    }

    /// <summary>Write nothing more.</summary>
    public sealed record Silenced
    {
        public static readonly Silenced Instance = new();
    }
}

/// <summary>Sends a node's log to xunit's output through a <see cref="TestOutputForwarder"/>, and silences it.</summary>
internal static class NodeOutput
{
    private const string Name = "test-output";

    /// <summary>Sends <paramref name="system"/>'s log to <paramref name="output"/>, if there is one.</summary>
    public static void Attach(ActorSystem system, ITestOutputHelper? output, string node)
    {
        if (output is null) return;
        var forwarder = system.ActorOf(Props.Create(() => new TestOutputForwarder(output, node)).WithDeploy(Deploy.Local), Name);
        system.EventStream.Subscribe(forwarder, typeof(LogEvent));
    }

    /// <summary>
    /// Silences <paramref name="system"/>'s log: a node being killed would otherwise fill it with
    /// the errors of its own last moments (sends that fail once its transport is down), which a
    /// killed process never prints.
    /// </summary>
    public static void Silence(ActorSystem system)
    {
        system.EventStream.SetLogLevel(Logging.LogLevelFor("OFF"));
        system.ActorSelection($"/user/{Name}").Tell(TestOutputForwarder.Silenced.Instance);
    }
}
