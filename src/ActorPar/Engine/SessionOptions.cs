using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Hosting;

namespace ActorPar.Engine;

/// <summary>What a <see cref="CoordinatorSession"/> needs to start: its configuration and its workers; the rest is optional.</summary>
public sealed record SessionOptions
{
    /// <summary>This node's configuration (hocon/coordinator.conf and whatever overrides it; <see cref="Hosting.NodeConfig"/>).</summary>
    public required Config Config { get; init; }

    /// <summary>
    /// The worker the router deploys, asked for once the cluster is up: a program may first
    /// create actors on this node that its workers talk to, and pass their refs to the worker.
    /// </summary>
    public required Func<ActorSystem, CancellationToken, Task<Props>> Workers { get; init; }

    /// <summary>Join the cluster at this seed instead of being its seed.</summary>
    public Address? Seed { get; init; }

    /// <summary>Called once this node's port is bound, before it waits for the worker nodes (to publish its address, say).</summary>
    public Action<Address>? Bound { get; init; }

    /// <summary>Starts worker node processes on this machine once this node's address is known; the session stops them at the end.</summary>
    public Func<Address, ILocalWorkerNodes>? LocalWorkerNodes { get; init; }

    /// <summary>Adds a program's own services to this node's host (an ASP.NET Core endpoint, say).</summary>
    public Action<IHostApplicationBuilder>? ConfigureHost { get; init; }
}

/// <summary>Worker node processes a session started on this machine: it watches them while it starts, and stops them at its end.</summary>
public interface ILocalWorkerNodes : IAsyncDisposable
{
    /// <summary>Completes when one of them has exited, with the last line it printed (its error, if it failed).</summary>
    Task<string> AnyExited { get; }

    /// <summary>Waits up to <paramref name="timeout"/> for every node to exit (after it was asked to leave), then kills the rest.</summary>
    Task StopAsync(TimeSpan timeout);
}
