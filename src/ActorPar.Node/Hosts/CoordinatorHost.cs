using ActorPar.Coordination;
using ActorPar.Engine;
using ActorPar.Hosting;
using ActorPar.Node.Output;
using ActorPar.Node.Workloads;
using Akka.Configuration;

namespace ActorPar.Node.Hosts;

/// <summary>What one coordinator run needs: its configuration, its workload and where its outputs go.</summary>
/// <param name="Options">The workload's options as given or defaulted, for the report's <c>options</c>.</param>
public sealed record CoordinatorRun(Config Config, Workload Workload, string? ReportPath, string? AddressFile, string Progress, string? LogPath = null,
    IReadOnlyDictionary<string, object?>? Options = null);

/// <summary>
/// The node program's coordinator: a <see cref="CoordinatorSession"/> runs the node, and this
/// shows it. It prints where the node listens, runs the workload's jobs while showing their
/// results, prints the summary, and writes the report. SIGINT or SIGTERM during a job
/// broadcasts Stop at once (the job ends as interrupted, and the report says which tasks
/// finished); at any point the exit code is then 130 or 143.
/// </summary>
public static class CoordinatorHost
{
    private const int Running = 0, Signalled = 1, Over = 2;

    public static async Task<int> RunAsync(CoordinatorRun run, ShutdownSignals signals)
    {
        var workload = run.Workload;
        var workerNodes = run.Config.GetInt(ConfigKeys.WorkerNodes.Key);
        var timings = new RunTimings();
        await using var output = CreateOutput(run.Progress, run.LogPath);

        CoordinatorSession session;
        try
        {
            session = await CoordinatorSession.StartAsync(new SessionOptions
            {
                Config = run.Config,
                Bound = address =>
                {
                    AddressFile.Write(run.AddressFile, address);
                    output.Line($"coordinator {address} waiting for {workerNodes} worker node(s)");
                },
                Workers = async (system, cancellation) =>
                {
                    await workload.PrepareAsync(system, cancellation);
                    return workload.WorkerProps;
                },
            }, signals.Token);
        }
        catch (OperationCanceledException) when (signals.Received.IsCompleted)
        {
            // The session has let the worker nodes go and shut this node down: say so, and report it.
            var code = await signals.Received;
            output.Line($"{signals.Name}: stopped before any job started; the worker nodes were asked to leave");
            timings.TotalMs = RunTimings.Now;
            output.Line($"total {timings.TotalMs / 1000:0.00}s; exit code {code}");
            if (run.ReportPath is not null) RunReport.Write(run.ReportPath, workload.Name, code, [], timings, options: run.Options);
            return code;
        }

        try
        {
            timings.ClusterUpMs = RunTimings.Since(session.ClusterUp);
            output.Line($"cluster up in {timings.ClusterUpMs:0} ms; {session.Workers} workers deployed on {workerNodes}+ worker node(s)");
            output.Line(workload.Point);
            foreach (var line in workload.Preamble) output.Line(line);

            // From now on, a signal stops the workers at once, whatever the run is doing; a job then ends as interrupted.
            // One that comes after the workers were stopped changes nothing, and says so.
            var phase = Running; // then Signalled or Over, whichever comes first
            _ = signals.Received.ContinueWith(_ =>
            {
                if (Interlocked.CompareExchange(ref phase, Signalled, Running) != Running)
                {
                    output.Line($"{signals.Name}: the jobs are over and the workers stopped; finishing the run as it was");
                    return Task.CompletedTask;
                }
                output.Line($"{signals.Name}: broadcasting Stop; workers finish their current task");
                return session.StopWorkersAsync();
            }, TaskScheduler.Default);

            var shown = new JobShow(workload, output, run.Config.GetInt(ConfigKeys.FailedTasksMax.Key));
            var runs = new List<JobRun>();
            foreach (var job in workload.Jobs)
            {
                if (signals.Received.IsCompleted) break;
                if (workload.Jobs.Count > 1) output.Line($"-- {job.Name}");
                var summary = await output.ShowProgressAsync(job.Count, () => shown.RunAsync(session, job));
                runs.Add(new JobRun(job, summary));
                if (summary.Interrupted) break;
            }

            var stopped = await session.StopWorkersAsync();
            int? signalled = Interlocked.CompareExchange(ref phase, Over, Running) == Signalled ? await signals.Received : null;
            timings.StopLatencyMs = stopped.Latency.TotalMilliseconds;
            timings.FirstDispatchMs = runs.Select(r => r.Summary.FirstDispatch).FirstOrDefault(t => t is not null) is { } first ? RunTimings.Since(first) : null;
            timings.LastResultMs = runs.Select(r => r.Summary.LastResult).LastOrDefault(t => t is not null) is { } last ? RunTimings.Since(last) : null;
            output.Line($"broadcast Stop: {stopped.Workers} workers stopped in {stopped.Latency.TotalMilliseconds:0.0} ms" +
                        (stopped.TimedOut ? " (some did not answer in time)" : ""));

            var completedAll = runs.Count == workload.Jobs.Count && runs.All(r => !r.Summary.Interrupted && r.Summary.Failed == 0);
            var exitCode = signalled ?? (completedAll && workload.Verify(runs) ? ExitCodes.Ok : ExitCodes.Failed);
            foreach (var line in runs.Select(JobLine)) output.Line(line);
            if (runs.Count == workload.Jobs.Count && signalled is null)
                foreach (var line in workload.Summary(runs)) output.Line(line);
            foreach (var summary in runs.Select(r => r.Summary).Where(s => s.Interrupted))
                output.Line($"interrupted: {summary.Completed + summary.Failed} tasks finished ({Ranges(summary.Finished())}), " +
                            $"{summary.UnfinishedCount} did not ({Ranges(summary.Unfinished)})");

            await session.ReleaseWorkerNodesAsync();
            timings.TotalMs = RunTimings.Now;
            output.Line($"total {timings.TotalMs / 1000:0.00}s; exit code {exitCode}");
            if (run.ReportPath is not null)
                RunReport.Write(run.ReportPath, workload.Name, exitCode, runs.Select(r => r.Summary).ToList(), timings,
                    workload.Figures(runs), shown.FailedTasks, run.Options, session.Workers);
            await session.ShutdownAsync(new JobReason(exitCode));
            return exitCode;
        }
        catch
        {
            // Worker nodes would wait for a coordinator that is gone: let them go first.
            try { await session.ReleaseWorkerNodesAsync(); }
            catch (Exception) { /* the node is already going down */ }
            await session.ShutdownAsync(Akka.Actor.CoordinatedShutdown.UnknownReason.Instance);
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

    private static IJobOutput CreateOutput(string progress, string? logPath)
    {
        IJobOutput shown = progress == "live" || (progress == "auto" && !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive)
            ? new LiveOutput()
            : new PlainOutput(Console.Out);
        return logPath is null ? shown : new TeeOutput(shown, new PlainOutput(new StreamWriter(logPath, append: false) { AutoFlush = true }));
    }

    /// <summary>Runs one job on the session and shows its results as they come; keeps the tasks that failed for good, for the report.</summary>
    private sealed class JobShow(Workload workload, IJobOutput output, int failedTasksMax)
    {
        private readonly List<FailedTask> _failed = [];

        /// <summary>The tasks that failed for good, by job and input position: the first actorpar.report.failed-tasks-max of them.</summary>
        public IReadOnlyList<FailedTask> FailedTasks => _failed;

        /// <summary>Keeps the failure in order of input position within its job (jobs run one after another); past the most kept, the last one goes.</summary>
        private void Keep(FailedTask failed)
        {
            var at = _failed.Count;
            while (at > 0 && _failed[at - 1].Job == failed.Job && _failed[at - 1].Id > failed.Id) at--;
            _failed.Insert(at, failed);
            if (_failed.Count > failedTasksMax) _failed.RemoveAt(_failed.Count - 1);
        }

        public async Task<JobSummary> RunAsync(CoordinatorSession session, WorkloadJob job)
        {
            await foreach (var e in session.RunAsync(new JobRequest(job.Name, job.Inputs, job.MaxWorkers)))
            {
                if (e is JobCompleted completed) return completed.Summary;
                var ready = (ResultsReady)e;
                foreach (var run in ready.Runs)
                {
                    if (run.Failed && failedTasksMax > 0) Keep(new FailedTask(job.Name, run.First, run.Error!));
                    workload.TakeRun(job, run, output.Line);
                }
                output.Progress(ready.Runs);
            }
            throw new InvalidOperationException("the job ended without a summary");
        }
    }
}
