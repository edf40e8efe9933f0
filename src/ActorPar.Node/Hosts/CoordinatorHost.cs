using System.Threading.Channels;
using ActorPar.Coordination;
using ActorPar.Hosting;
using ActorPar.Messaging;
using ActorPar.Node.Output;
using ActorPar.Node.Workloads;
using ActorPar.Workers;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPar.Node.Hosts;

/// <summary>What one coordinator run needs: its configuration, its workload and where its outputs go.</summary>
/// <param name="Options">The workload's options as given or defaulted, for the report's <c>options</c>.</param>
public sealed record CoordinatorRun(Config Config, Workload Workload, string? ReportPath, string? AddressFile, string Progress, string? LogPath = null,
    IReadOnlyDictionary<string, object?>? Options = null);

/// <summary>
/// Runs the coordinator node from start to exit: bind, wait for the worker nodes, deploy
/// the workers, run the workload's jobs while showing their results, broadcast Stop, let
/// the worker nodes go, write the report, and shut down. SIGINT or SIGTERM at any point
/// stops the workers the same way and exits with 130 or 143.
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
                $"no worker node joined within {settings.ReadyTimeout.TotalSeconds:0.#}s (waiting for {minWorkerNodes}); start them with --seed {node.Address.Host}:{node.Address.Port}");
            if (await Task.WhenAny(joined, signals.Received) != joined) return await Interrupted(node, signals);
            await joined;
            timings.ClusterUpMs = RunTimings.Now;

            using var preparing = new CancellationTokenSource();
            var prepared = workload.PrepareAsync(node.System, preparing.Token);
            if (await Task.WhenAny(prepared, signals.Received) != prepared)
            {
                await preparing.CancelAsync();
                return await Interrupted(node, signals);
            }
            await prepared;
            // The first input this node sends and the first result it reads would each pay for their formatter: pay now.
            ActorParSerializer.PrepareFormatters(TaskTypes(workload.WorkerProps.Type));

            var workerProps = workload.WorkerProps;
            if (DeploymentCheck.Problems(node.System, workerProps) is [var problem, ..]) throw new NodeStartException(problem);
            var coordinator = node.System.ActorOf(
                Coordinator.Props(settings, WorkerRouter.Props(workerProps, settings)), "coordinator");
            var ready = coordinator.Ask<object>(NotifyWhenReady.Instance, settings.ReadyTimeout + TimeSpan.FromSeconds(5));
            if (await Task.WhenAny(ready, signals.Received) != ready) return await Interrupted(node, signals);
            if (await ready is CoordinatorNotReady notReady) throw new NodeStartException(notReady.Reason);
            var workers = ((CoordinatorReady)ready.Result).Workers;
            output.Line($"cluster up in {timings.ClusterUpMs:0} ms; {workers} workers deployed on {minWorkerNodes}+ worker node(s)");
            output.Line(workload.Point);
            foreach (var line in workload.Preamble) output.Line(line);

            var job = new JobDriver(node, coordinator, workload, output, signals, settings.StopTimeout,
                config.GetInt("actorpar.report.failed-tasks-max", 1000));
            var runs = new List<JobRun>();
            foreach (var workloadJob in workload.Jobs)
            {
                if (workload.Jobs.Count > 1) output.Line($"-- {workloadJob.Name}");
                var summary = await job.RunAsync(workloadJob);
                if (summary is null) break;
                runs.Add(new JobRun(workloadJob, summary));
                if (summary.Interrupted || job.Signal is not null) break;
            }

            var stopped = await job.StopWorkersAsync();
            timings.StopLatencyMs = stopped.Latency.TotalMilliseconds;
            timings.FirstDispatchMs = runs.Select(r => r.Summary.FirstDispatch).FirstOrDefault(t => t is not null) is { } first ? RunTimings.Since(first) : null;
            timings.LastResultMs = runs.Select(r => r.Summary.LastResult).LastOrDefault(t => t is not null) is { } last ? RunTimings.Since(last) : null;
            output.Line($"broadcast Stop: {stopped.Workers} workers stopped in {stopped.Latency.TotalMilliseconds:0.0} ms" +
                        (stopped.TimedOut ? " (some did not answer in time)" : ""));

            var completedAll = runs.Count == workload.Jobs.Count && runs.All(r => !r.Summary.Interrupted && r.Summary.Failed == 0);
            var exitCode = job.Signal ?? (completedAll && workload.Verify(runs) ? ExitCodes.Ok : ExitCodes.Failed);
            foreach (var line in runs.Select(JobLine)) output.Line(line);
            if (runs.Count == workload.Jobs.Count && job.Signal is null)
                foreach (var line in workload.Summary(runs)) output.Line(line);
            foreach (var summary in runs.Select(r => r.Summary))
            {
                if (summary.Interrupted)
                    output.Line($"interrupted: {summary.Completed + summary.Failed} tasks finished ({Ranges(summary.Finished())}), " +
                                $"{summary.UnfinishedCount} did not ({Ranges(summary.Unfinished)})");
                if (summary.Failed > 0) output.Line($"{summary.Failed} task(s) failed for good");
            }

            await node.AskMembersToLeaveAsync(WorkerRouter.WorkerRole, leaveTimeout);
            timings.TotalMs = RunTimings.Now;
            output.Line($"total {timings.TotalMs / 1000:0.00}s; exit code {exitCode}");
            if (run.ReportPath is not null)
                RunReport.Write(run.ReportPath, workload.Name, exitCode, runs.Select(r => r.Summary).ToList(), timings,
                    workload.Figures(runs), job.FailedTasks, run.Options, workers);
            await node.ShutdownAsync(new JobReason(exitCode));
            return exitCode;
        }
        catch
        {
            // Worker nodes that joined would wait for a coordinator that is gone: let them go first.
            try { await node.AskMembersToLeaveAsync(WorkerRouter.WorkerRole, leaveTimeout, timings.ClusterUpMs is null ? 0 : minWorkerNodes); }
            catch (Exception) { /* the node is already going down */ }
            await node.ShutdownAsync(CoordinatedShutdown.UnknownReason.Instance);
            throw;
        }
    }

    /// <summary>What one job's ledger counted, and its makespan: the line every workload gets for each of its jobs.</summary>
    private static string JobLine(JobRun run)
    {
        var (summary, rate) = (run.Summary, run.MakespanMs > 0 ? run.Summary.Completed / (run.MakespanMs / 1000) : 0);
        return $"{run.Job.Name}: {summary.Completed:N0} of {summary.Submitted:N0} tasks completed, {summary.Failed:N0} failed, {summary.UnfinishedCount:N0} unfinished" +
               (summary.Requeued + summary.DuplicatesIgnored > 0 ? $", {summary.Requeued:N0} requeued, {summary.DuplicatesIgnored:N0} late duplicate(s) ignored" : "") +
               $"; makespan {run.MakespanMs / 1000:0.00}s, {(rate >= 100 ? $"{rate:N0}" : $"{rate:0.##}")} tasks/s";
    }

    /// <summary>Input positions as "0-9, 12, 14-20", the first ten ranges only.</summary>
    private static string Ranges(IReadOnlyList<IndexRange> ranges) =>
        string.Join(", ", ranges.Take(10)) + (ranges.Count > 10 ? ", ..." : "");

    /// <summary>The input and result types of a <c>Worker&lt;TInput, TResult&gt;</c>; none for another kind of worker.</summary>
    private static IEnumerable<Type> TaskTypes(Type? worker)
    {
        for (var type = worker; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Worker<,>))
                return type.GetGenericArguments();
        return [];
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

    /// <summary>
    /// Runs jobs on the coordinator one at a time and shows their results. The first
    /// SIGINT or SIGTERM sends StopWorkers at once; the job then ends as interrupted.
    /// </summary>
    private sealed class JobDriver(ClusterNode node, IActorRef coordinator, Workload workload, IJobOutput output, ShutdownSignals signals, TimeSpan stopTimeout,
        int failedTasksMax)
    {
        private readonly List<FailedTask> _failed = [];
        private Task? _pendingSignal = signals.Received;
        private Task<WorkersStopped>? _stopping;

        public int? Signal { get; private set; }

        /// <summary>The tasks that failed for good, for the report: at most actorpar.report.failed-tasks-max of them.</summary>
        public IReadOnlyList<FailedTask> FailedTasks => _failed;

        public async Task<JobSummary?> RunAsync(WorkloadJob job)
        {
            var (listener, events) = ChannelListener.Create(node.System);
            coordinator.Tell(new SubmitJob(job.Name, job.Inputs, listener, job.Count, job.MaxWorkers));
            return await output.ShowProgressAsync(job.Count, () => ShowAsync(job, events));
        }

        private async Task<JobSummary?> ShowAsync(WorkloadJob job, ChannelReader<object> events)
        {
            await using var reader = events.ReadAllAsync().GetAsyncEnumerator();
            var next = reader.MoveNextAsync().AsTask();
            while (true)
            {
                var first = await Task.WhenAny(next, _pendingSignal ?? Task.Delay(Timeout.Infinite), node.WhenTerminated);
                if (first == node.WhenTerminated) throw new InvalidOperationException("this node was shut down by the cluster during the job");
                if (first == _pendingSignal)
                {
                    Signal = await signals.Received;
                    output.Line($"{(Signal == ExitCodes.Interrupted ? "SIGINT" : "SIGTERM")}: broadcasting Stop; workers finish their current task");
                    _stopping = AskStop();
                    _pendingSignal = null;
                    continue;
                }
                if (!await next) return null;
                switch (reader.Current)
                {
                    case ResultsReady ready:
                        foreach (var result in ready.Results)
                        {
                            if (result.Failed && _failed.Count < failedTasksMax) _failed.Add(new FailedTask(job.Name, result.Index, result.Error!));
                            if (workload.Take(job, result) is { } line) output.Line(line);
                        }
                        output.Progress(ready.Results);
                        break;
                    case JobCompleted completed:
                        return completed.Summary;
                }
                next = reader.MoveNextAsync().AsTask();
            }
        }

        public Task<WorkersStopped> StopWorkersAsync() => _stopping ??= AskStop();

        private Task<WorkersStopped> AskStop() =>
            coordinator.Ask<WorkersStopped>(StopWorkers.Instance, stopTimeout + TimeSpan.FromSeconds(5));
    }
}
