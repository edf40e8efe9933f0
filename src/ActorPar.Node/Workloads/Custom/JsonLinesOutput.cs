using System.Text.Json;

namespace ActorPar.Node.Workloads.Custom;

/// <summary>
/// Writes one JSON line per task: <c>{"id":3,"line":4,"result":...}</c>, or <c>"error"</c> in
/// place of <c>"result"</c> for a task that failed for good. Every line is flushed as it is
/// written, so the file is complete up to the last result even if the run is cut short.
/// </summary>
public sealed class JsonLinesOutput(TextWriter writer)
{
    public static JsonLinesOutput Create(string path)
    {
        try
        {
            return new JsonLinesOutput(new StreamWriter(path, append: false) { AutoFlush = true });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeStartException($"cannot write --output {path}: {e.Message}");
        }
    }

    /// <summary>The JSON line for one task's outcome.</summary>
    public static string Format(long id, int line, object? result, string? error)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonLinesInput.Json.Encoder }))
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteNumber("line", line);
            if (error is not null) json.WriteString("error", error);
            else
            {
                json.WritePropertyName("result");
                JsonSerializer.Serialize(json, result, result?.GetType() ?? typeof(object), JsonLinesInput.Json);
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Write(string line) => writer.WriteLine(line);
}
