using ActorPar.Hosting;
using ActorPar.TestKit.Internal;
using Akka.Actor;
using Akka.Configuration;
using Akka.Remote;
using Xunit.Abstractions;

namespace ActorPar.TestKit;

/// <summary>
/// One worker node of a <see cref="TestCluster{TInput,TResult}"/>: ActorPar's own worker node
/// lifecycle (<c>WorkerNode</c>: join the seed, host the workers the router deploys, leave
/// when the coordinator asks) with its own actor system and real remoting on 127.0.0.1, inside
/// the test process. <see cref="Exited"/> completes with the exit code its process would have.
/// </summary>
public sealed class TestWorkerNode
{
    private readonly ShutdownSignals _signals = ShutdownSignals.InProcess();
    private readonly TaskCompletionSource<NodeHost> _host = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestWorkerNode(string name)
    {
        Name = name;
        Exited = Task.FromResult(0);
    }

    /// <summary>Its name in logs: worker-1, worker-2...</summary>
    public string Name { get; }

    /// <summary>Its address, once it has started (it binds a port the OS picks).</summary>
    public Address? Address => _host.Task.IsCompletedSuccessfully ? _host.Task.Result.Address : null;

    /// <summary>The exit code its process would have: 0 when it left as asked, 1 when it was downed or killed, 143 after <see cref="TestCluster{TInput,TResult}.TerminateWorkerNodeAsync"/>.</summary>
    public Task<int> Exited { get; private set; }

    /// <summary>Whether the test killed it.</summary>
    public bool Killed { get; private set; }

    internal static TestWorkerNode Start(string name, Config config, ITestOutputHelper? output)
    {
        var node = new TestWorkerNode(name);
        node.Exited = Task.Run(async () =>
        {
            try
            {
                return await WorkerNode.RunAsync(config, node._signals, started: host =>
                {
                    NodeOutput.Attach(host.System, output, name);
                    node._host.TrySetResult(host);
                });
            }
            finally
            {
                node._host.TrySetCanceled();
            }
        });
        return node;
    }

    /// <summary>
    /// Kills the node abruptly: its remoting transport is shut down first, so that its sockets
    /// close and nothing more leaves it (no result, no task handed back, no goodbye to the
    /// cluster), then its actor system is terminated without the ordered shutdown a leaving
    /// node runs. The coordinator finds out as it does after a SIGKILL: the node falls silent,
    /// is marked unreachable, its tasks are taken back, and it is downed.
    /// </summary>
    internal async Task KillAsync()
    {
        if (await Task.WhenAny(_host.Task, Exited) != _host.Task || !_host.Task.IsCompletedSuccessfully) return;
        Killed = true;
        var system = (ExtendedActorSystem)_host.Task.Result.System;
        NodeOutput.Silence(system);
        if (system.Provider is RemoteActorRefProvider remote) await remote.Transport.Shutdown();
        await system.Terminate();
        await Exited;
    }

    /// <summary>Acts as SIGTERM does on a worker node process: its workers drain, it leaves the cluster, and it exits 143.</summary>
    internal async Task<int> TerminateAsync()
    {
        _signals.Send(ExitCodes.Terminated);
        return await Exited;
    }
}
