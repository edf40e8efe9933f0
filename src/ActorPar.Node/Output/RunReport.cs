using System.Text.Json;
using ActorPar.Coordination;

namespace ActorPar.Node.Output;

/// <summary>
/// The JSON report of one coordinator run (<c>--report FILE</c>): the workload's options, the
/// counts over every job and each job's own with its makespan, who did the work, the tasks
/// that failed for good, its times in milliseconds from the coordinator process's start, and
/// the worker nodes lost or joined mid-job. An interrupted run also lists which tasks finished
/// and which did not. What only the workload measured goes under one key of its own,
/// <c>figures</c>, so that it can never shadow one of these.
/// </summary>
public static class RunReport
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="jobs">Every job the run finished; counts are added up over them.</param>
    /// <param name="figures">The workload's own results: an object whose properties become snake_case keys.</param>
    /// <param name="options">The workload's options, by name.</param>
    /// <param name="workers">How many workers were deployed.</param>
    public static void Write(string path, string workload, int exitCode, IReadOnlyList<JobSummary> jobs, RunTimings timings,
        object? figures = null, IReadOnlyList<FailedTask>? failedTasks = null, IReadOnlyDictionary<string, object?>? options = null, int? workers = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, Indented);
        json.WriteStartObject();
        json.WriteString("workload", workload);
        json.WriteNumber("exit_code", exitCode);
        if (workers is { } deployed) json.WriteNumber("workers", deployed);
        else json.WriteNull("workers");
        json.WritePropertyName("options");
        JsonSerializer.Serialize(json, options ?? new Dictionary<string, object?>());

        json.WriteStartObject("tasks");
        json.WriteNumber("submitted", jobs.Sum(j => j.Submitted));
        json.WriteNumber("completed", jobs.Sum(j => j.Completed));
        json.WriteNumber("failed", jobs.Sum(j => j.Failed));
        json.WriteNumber("duplicates_ignored", jobs.Sum(j => j.DuplicatesIgnored));
        json.WriteNumber("requeued", jobs.Sum(j => j.Requeued));
        json.WriteNumber("retried", jobs.Sum(j => j.Retried));
        json.WriteNumber("handed_back", jobs.Sum(j => j.HandedBack));
        json.WriteEndObject();

        json.WriteStartArray("jobs");
        foreach (var job in jobs)
        {
            var makespan = job.LastResult - job.FirstDispatch;
            json.WriteStartObject();
            json.WriteString("name", job.Name);
            json.WriteNumber("submitted", job.Submitted);
            json.WriteNumber("completed", job.Completed);
            json.WriteNumber("failed", job.Failed);
            json.WriteNumber("unfinished", job.UnfinishedCount);
            WriteTime(json, "makespan_ms", makespan?.TotalMilliseconds);
            if (makespan is { TotalSeconds: > 0 } seconds) json.WriteNumber("tasks_per_second", Math.Round(job.Completed / seconds.TotalSeconds, 1));
            else json.WriteNull("tasks_per_second");
            var chunks = job.Chunks ?? ChunkSizes.None;
            json.WriteStartObject("chunks");
            json.WriteNumber("lent", chunks.Lent);
            json.WriteNumber("min_size", chunks.Min);
            json.WriteNumber("median_size", chunks.Median);
            json.WriteNumber("max_size", chunks.Max);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        WriteCounts(json, "per_node", AddUp(jobs.Select(j => j.PerNode)));
        WriteCounts(json, "per_worker", AddUp(jobs.Select(j => j.PerWorker)));

        json.WriteStartObject("timings_ms");
        WriteTime(json, "cluster_up", timings.ClusterUpMs);
        WriteTime(json, "first_dispatch", timings.FirstDispatchMs);
        WriteTime(json, "last_result", timings.LastResultMs);
        WriteTime(json, "makespan", timings.LastResultMs - timings.FirstDispatchMs);
        WriteTime(json, "stop_latency", timings.StopLatencyMs);
        WriteTime(json, "total", timings.TotalMs);
        json.WriteEndObject();

        if (jobs.FirstOrDefault(j => j.Interrupted) is { } interrupted)
        {
            // Input positions of the interrupted job, as "first-last" ranges.
            WriteRanges(json, "finished_tasks", interrupted.Finished());
            WriteRanges(json, "unfinished_tasks", interrupted.Unfinished);
        }

        // Worker nodes lost or joined during the jobs, with Unix times in milliseconds so that
        // whoever killed or started a node can time the coordinator's reaction.
        json.WriteStartArray("nodes_lost");
        foreach (var loss in jobs.SelectMany(j => j.NodesLost))
        {
            json.WriteStartObject();
            json.WriteString("node", loss.Node);
            json.WriteString("why", loss.Why);
            json.WriteNumber("at_unix_ms", loss.At.ToUnixTimeMilliseconds());
            json.WriteNumber("tasks_taken_back", loss.TasksTakenBack);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("nodes_joined");
        foreach (var join in jobs.SelectMany(j => j.NodesJoined))
        {
            json.WriteStartObject();
            json.WriteString("node", join.Node);
            json.WriteNumber("up_unix_ms", join.Up.ToUnixTimeMilliseconds());
            if (join.FirstWork is { } first) json.WriteNumber("first_work_unix_ms", first.ToUnixTimeMilliseconds());
            else json.WriteNull("first_work_unix_ms");
            WriteTime(json, "up_to_first_work_ms", join.UpToFirstWork?.TotalMilliseconds);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        // Every task that failed for good: its job, its id (the input's position) and its error.
        json.WriteStartArray("failed_tasks");
        foreach (var failed in failedTasks ?? [])
        {
            json.WriteStartObject();
            json.WriteString("job", failed.Job);
            json.WriteNumber("id", failed.Id);
            json.WriteString("error", failed.Error);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WritePropertyName("figures");
        JsonSerializer.Serialize(json, figures ?? new object(), figures?.GetType() ?? typeof(object), SnakeCase);
        json.WriteEndObject();
    }

    private static Dictionary<string, long> AddUp(IEnumerable<IReadOnlyDictionary<string, long>> counts)
    {
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in counts.SelectMany(c => c)) total[key] = total.GetValueOrDefault(key) + count;
        return total;
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, long> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            json.WriteNumber(key, count);
        json.WriteEndObject();
    }

    private static void WriteRanges(Utf8JsonWriter json, string name, IEnumerable<IndexRange> ranges)
    {
        json.WriteStartArray(name);
        foreach (var range in ranges) json.WriteStringValue(range.ToString());
        json.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, double? ms)
    {
        if (ms is { } value) json.WriteNumber(name, Math.Round(value, 1));
        else json.WriteNull(name);
    }
}

/// <summary>A task that failed for good, as the report lists it: its job, its id (the input's position) and its error.</summary>
public sealed record FailedTask(string Job, long Id, string Error);
