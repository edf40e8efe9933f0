namespace ActorPar.Hosting;

/// <summary>A node could not start or join: the message is the one line a user is shown, and the exit code is 2.</summary>
public sealed class NodeStartException(string message, Exception? cause = null) : Exception(message, cause);
