using Akka.Actor;

namespace ActorPar.Coordination;

/// <summary>
/// How the workers reach the worker nodes: <see cref="WorkerDeployer"/> deploys them (in
/// place of Akka's cluster-aware pool, which took quadratic time over thousands of workers),
/// with the numbers from the coordinator's settings (which the command line can change). In
/// pull mode the coordinator uses it only to deploy workers, to learn them
/// (<see cref="RouteesSeen"/>) and to broadcast WorkAvailable and Stop; tasks go to the
/// workers that ask.
/// </summary>
public static class WorkerRouter
{
    /// <summary>The cluster role of the nodes the router deploys workers on.</summary>
    public const string WorkerRole = "worker";

    /// <summary>Workers run on their own threads (hocon/common.conf explains why) unless their Props name a dispatcher.</summary>
    public const string WorkerDispatcher = "actorpar.worker-dispatcher";

    /// <param name="allowLocalRoutees">Also deploy on this node; only a single-node test wants that.</param>
    public static Props Props(Props worker, CoordinatorSettings settings, bool allowLocalRoutees = false) =>
        WorkerDeployer.Props(worker.Dispatcher == Akka.Dispatch.Dispatchers.DefaultDispatcherId ? worker.WithDispatcher(WorkerDispatcher) : worker,
            settings.Workers, settings.WorkersPerNode, allowLocalRoutees); // by default the coordinator node hosts no workers

    /// <summary>
    /// A worker whose task threw has already reported the failure; restart it with a clean
    /// state and let it ask for work again. Never escalate: the coordinator must not restart.
    /// </summary>
    public static SupervisorStrategy RestartFailedWorker { get; } =
        new OneForOneStrategy(localOnlyDecider: _ => Directive.Restart, loggingEnabled: false);
}
