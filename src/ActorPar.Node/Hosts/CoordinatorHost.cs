using ActorPar.Coordination;
using ActorPar.Hosting;
using ActorPar.Node.Output;
using ActorPar.Node.Workloads;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPar.Node.Hosts;

/// <summary>What one coordinator run needs: its configuration, its workload and where its outputs go.</summary>
public sealed record CoordinatorRun(Config Config, Workload Workload, string? ReportPath, string? AddressFile, string Progress, string? LogPath = null);

/// <summary>
/// Runs the coordinator node from start to exit: bind, wait for the worker nodes, deploy
/// the workers, run the job while showing its results, broadcast Stop, let the worker
/// nodes go, write the report, and shut down. SIGINT or SIGTERM at any point stops the
/// workers the same way and exits with 130 or 143.
/// </summary>
public static class CoordinatorHost
{
    public static async Task<int> RunAsync(CoordinatorRun run, ShutdownSignals signals)
    {
        var config = run.Config;
        var workload = run.Workload;
        var minWorkerNodes = config.GetInt("akka.cluster.role.worker.min-nr-of-members", 1);
        var settings = CoordinatorSettings.From(config, minWorkerNodes);
        var leaveTimeout = config.GetTimeSpan("actorpar.cluster.leave-timeout", TimeSpan.FromSeconds(10));
        var timings = new RunTimings();

        await using var output = CreateOutput(run.Progress, run.LogPath);
        var node = ClusterNode.Start(config);
        try
        {
            AddressFile.Write(run.AddressFile, node.Address);
            output.Line($"coordinator {node.Address} waiting for {minWorkerNodes} worker node(s)");

            var joined = node.JoinAsync([node.Address], settings.ReadyTimeout,
                $"no worker node joined within {settings.ReadyTimeout.TotalSeconds:0.#}s (waiting for {minWorkerNodes}); start them with --seed {node.Address.HostPort()}");
            if (await Task.WhenAny(joined, signals.Received) != joined) return await Interrupted(node, signals);
            await joined;
            timings.ClusterUpMs = RunTimings.Now;

            var coordinator = node.System.ActorOf(
                Coordinator.Props(settings, WorkerRouter.Props(workload.WorkerProps, settings)), "coordinator");
            var ready = coordinator.Ask<object>(NotifyWhenReady.Instance, settings.ReadyTimeout + TimeSpan.FromSeconds(5));
            if (await Task.WhenAny(ready, signals.Received) != ready) return await Interrupted(node, signals);
            if (await ready is CoordinatorNotReady notReady) throw new NodeStartException(notReady.Reason);
            var workers = ((CoordinatorReady)ready.Result).Workers;
            output.Line($"cluster up in {timings.ClusterUpMs:0} ms; {workers} workers deployed on {minWorkerNodes}+ worker node(s)");
            output.Line(workload.Point);
            foreach (var line in workload.Preamble) output.Line(line);

            var (listener, events) = ChannelListener.Create(node.System, "job-listener");
            coordinator.Tell(new SubmitJob(workload.Name, workload.Inputs, listener, workload.Count));

            int? signal = null;
            var stopping = Task.FromResult<WorkersStopped?>(null);
            var summary = await output.ShowProgressAsync(workload.Count, async () =>
            {
                var pendingSignal = (Task)signals.Received;
                await using var reader = events.ReadAllAsync().GetAsyncEnumerator();
                var next = reader.MoveNextAsync().AsTask();
                while (true)
                {
                    var first = await Task.WhenAny(next, pendingSignal, node.WhenTerminated);
                    if (first == node.WhenTerminated) throw new InvalidOperationException("this node was shut down by the cluster during the job");
                    if (first == pendingSignal)
                    {
                        signal = await signals.Received;
                        output.Line($"{(signal == ExitCodes.Interrupted ? "SIGINT" : "SIGTERM")}: broadcasting Stop; workers finish their current task");
                        stopping = coordinator.Ask<WorkersStopped>(StopWorkers.Instance, settings.StopTimeout + TimeSpan.FromSeconds(5))!;
                        pendingSignal = new TaskCompletionSource().Task;
                        continue;
                    }
                    if (!await next) return (JobSummary?)null;
                    switch (reader.Current)
                    {
                        case ResultsReady ready:
                            foreach (var result in ready.Results)
                                if (workload.Line(result) is { } line) output.Line(line);
                            output.Progress(ready.Results);
                            break;
                        case JobCompleted completed:
                            return completed.Summary;
                    }
                    next = reader.MoveNextAsync().AsTask();
                }
            });

            var stopped = await stopping ?? await coordinator.Ask<WorkersStopped>(StopWorkers.Instance, settings.StopTimeout + TimeSpan.FromSeconds(5));
            timings.StopLatencyMs = stopped.Latency.TotalMilliseconds;
            if (summary?.FirstDispatch is { } firstDispatch) timings.FirstDispatchMs = RunTimings.Since(firstDispatch);
            if (summary?.LastResult is { } lastResult) timings.LastResultMs = RunTimings.Since(lastResult);
            output.Line($"broadcast Stop: {stopped.Workers} workers stopped in {stopped.Latency.TotalMilliseconds:0.0} ms" +
                        (stopped.TimedOut ? " (some did not answer in time)" : ""));

            var exitCode = signal ?? (summary is null || summary.Failed > 0 || !workload.Verify(summary) ? ExitCodes.Failed : ExitCodes.Ok);
            if (summary is not null)
            {
                foreach (var line in workload.Summary(summary, timings)) output.Line(line);
                if (summary.Interrupted) output.Line($"interrupted: {summary.Completed} tasks finished, {summary.UnfinishedCount} did not ({string.Join(", ", summary.Unfinished.Take(10))}{(summary.Unfinished.Count > 10 ? ", ..." : "")})");
                if (summary.Failed > 0) output.Line($"{summary.Failed} task(s) failed for good");
            }

            await node.AskMembersToLeaveAsync(WorkerRouter.WorkerRole, leaveTimeout);
            timings.TotalMs = RunTimings.Now;
            output.Line($"total {timings.TotalMs / 1000:0.00}s; exit code {exitCode}");
            if (run.ReportPath is not null) RunReport.Write(run.ReportPath, workload.Name, exitCode, summary, timings);
            await node.ShutdownAsync(new JobReason(exitCode));
            return exitCode;
        }
        catch
        {
            await node.ShutdownAsync(CoordinatedShutdown.UnknownReason.Instance);
            throw;
        }
    }

    private static async Task<int> Interrupted(ClusterNode node, ShutdownSignals signals)
    {
        var code = await signals.Received;
        await node.ShutdownAsync(new SignalReason(code));
        return code;
    }

    private static IJobOutput CreateOutput(string progress, string? logPath)
    {
        IJobOutput shown = progress == "live" || (progress == "auto" && !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive)
            ? new LiveOutput()
            : new PlainOutput(Console.Out);
        return logPath is null ? shown : new TeeOutput(shown, new PlainOutput(new StreamWriter(logPath, append: false) { AutoFlush = true }));
    }
}
