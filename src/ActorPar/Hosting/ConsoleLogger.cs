using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace ActorPar.Hosting;

/// <summary>
/// Prints log events as one short line each: time, level and message, with an exception's
/// type and message but never its stack trace. ActorPar's own actors log at
/// <c>akka.loglevel</c>; Akka's internals only at <c>actorpar.logging.akka-level</c> and
/// above, so that a node's output is its story and not the remoting layer's.
/// </summary>
public sealed class ConsoleLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private LogLevel _akkaLevel = LogLevel.ErrorLevel;

    /// <summary>A logger, created by the actor system from <c>akka.loggers</c>.</summary>
    public ConsoleLogger()
    {
        Receive<InitializeLogger>(_ =>
        {
            _akkaLevel = Logging.LogLevelFor(Context.System.Settings.Config.GetString(ConfigKeys.AkkaLogLevel.Key));
            Sender.Tell(new LoggerInitialized());
        });
        Receive<LogEvent>(e => Print(e, _akkaLevel));
    }

    internal static void Print(LogEvent e, LogLevel akkaLevel)
    {
        var ours = e.LogClass?.Namespace?.StartsWith("ActorPar", StringComparison.Ordinal) == true;
        if (!ours && e.LogLevel() < akkaLevel) return;
        // When a peer node leaves, Akka.Remote's endpoint actor fails with this and its
        // supervisor logs the failure as an error, though nothing went wrong.
        if (e.Cause?.GetType().Name == "EndpointDisassociatedException") return;
        // Akka.Remote's own report of a failed TLS handshake: the node says in one line what it
        // means for it (a join that failed, or a node shut down), and the refusing side names the certificate.
        if (!ours && e.Message?.ToString()?.StartsWith("TLS handshake failed on channel", StringComparison.Ordinal) == true) return;

        // Some of Akka's messages run to a dozen lines of troubleshooting advice (a failed TLS
        // handshake, say); their first line and the cause below say what happened.
        var message = e.Message?.ToString() ?? "";
        if (!ours && message.IndexOf('\n') is var newline and >= 0) message = message[..newline].TrimEnd();
        var line = $"{e.Timestamp.ToLocalTime():HH:mm:ss.fff} {Label(e.LogLevel())} {message}";
        if (e.Cause is { } cause)
        {
            var root = cause is AggregateException { InnerException: { } inner } ? inner : cause;
            line += $" ({root.GetType().Name}: {root.Message})";
        }
        if (e.LogLevel() >= LogLevel.WarningLevel) Console.Error.WriteLine(line);
        else Console.Out.WriteLine(line);
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.DebugLevel => "DEBUG",
        LogLevel.InfoLevel => "INFO ",
        LogLevel.WarningLevel => "WARN ",
        _ => "ERROR",
    };
}

/// <summary>
/// What prints log events before <see cref="ConsoleLogger"/> starts and after it stops
/// (<c>akka.stdout-logger-class</c>): the same short lines, and from Akka's internals only errors.
/// </summary>
public sealed class ConsoleStdoutLogger : MinimalLogger
{
    /// <inheritdoc />
    protected override void Log(object message)
    {
        if (message is LogEvent e) ConsoleLogger.Print(e, LogLevel.ErrorLevel);
    }
}
