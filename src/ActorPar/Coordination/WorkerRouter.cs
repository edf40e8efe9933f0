using Akka.Actor;
using Akka.Cluster.Routing;
using Akka.Routing;

namespace ActorPar.Coordination;

/// <summary>
/// The cluster-aware pool that deploys workers onto worker nodes. It is built in code, not
/// from HOCON deployment config: the numbers come from the coordinator's settings (which
/// the command line can change), and a typo in a deployment path would otherwise only show
/// up as a router with no routees. The pool's own routing is round-robin, but in pull mode
/// the coordinator uses the router only to deploy workers, to list them (GetRoutees) and
/// to broadcast WorkAvailable and Stop; tasks go to the workers that ask.
/// </summary>
public static class WorkerRouter
{
    /// <summary>The cluster role of the nodes the router deploys workers on.</summary>
    public const string WorkerRole = "worker";

    /// <summary>Workers run on their own threads (hocon/common.conf explains why) unless their Props name a dispatcher.</summary>
    public const string WorkerDispatcher = "actorpar.worker-dispatcher";

    /// <param name="allowLocalRoutees">Also deploy on this node; only a single-node test wants that.</param>
    public static Props Props(Props worker, CoordinatorSettings settings, bool allowLocalRoutees = false) =>
        new ClusterRouterPool(
                local: new RoundRobinPool(0, resizer: null, supervisorStrategy: RestartFailedWorker, routerDispatcher: Akka.Dispatch.Dispatchers.DefaultDispatcherId),
                settings: new ClusterRouterPoolSettings(
                    totalInstances: settings.Workers,
                    maxInstancesPerNode: settings.WorkersPerNode,
                    allowLocalRoutees: allowLocalRoutees, // by default the coordinator node hosts no workers
                    useRole: WorkerRole))
            .Props(worker.Dispatcher == Akka.Dispatch.Dispatchers.DefaultDispatcherId ? worker.WithDispatcher(WorkerDispatcher) : worker);

    /// <summary>
    /// A worker whose task threw has already reported the failure; restart it with a clean
    /// state and let it ask for work again. Never escalate: the coordinator must not restart.
    /// </summary>
    public static SupervisorStrategy RestartFailedWorker { get; } =
        new OneForOneStrategy(localOnlyDecider: _ => Directive.Restart, loggingEnabled: false);
}
