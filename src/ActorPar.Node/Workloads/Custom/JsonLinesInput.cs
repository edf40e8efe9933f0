using System.Text.Json;

namespace ActorPar.Node.Workloads.Custom;

/// <summary>
/// The tasks of a JSON Lines file: each non-blank line is read as JSON of the worker's input
/// type, lazily, as the coordinator takes tasks. A line that does not parse becomes an
/// <see cref="InvalidInput"/> naming its line number, so that task fails and the rest go on.
/// It remembers which line each task came from.
/// </summary>
public sealed class JsonLinesInput(string path, Type inputType)
{
    /// <summary>camelCase or PascalCase property names, numbers in strings refused: what most JSON tools write.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file, not HTML: keep ' and < readable
    };

    private readonly List<int> _lineOfTask = [];

    public string Path { get; } = path;

    /// <summary>How many tasks the file holds (its non-blank lines).</summary>
    public long Count() => File.ReadLines(Path).LongCount(l => !string.IsNullOrWhiteSpace(l));

    /// <summary>The line (from 1) that task <paramref name="index"/> came from.</summary>
    public int LineOf(long index)
    {
        lock (_lineOfTask) return index < _lineOfTask.Count ? _lineOfTask[(int)index] : -1;
    }

    public IEnumerable<object?> Tasks()
    {
        var number = 0;
        foreach (var line in File.ReadLines(Path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            lock (_lineOfTask) _lineOfTask.Add(number);
            yield return Parse(line, number);
        }
    }

    private object Parse(string line, int number)
    {
        try
        {
            return JsonSerializer.Deserialize(line, inputType, Json)
                   ?? new InvalidInput($"line {number}: null is not a {inputType.Name}");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            var reason = e.Message.Split('\n')[0];
            var noise = reason.IndexOf(" | LineNumber: ", StringComparison.Ordinal); // a position within a line we already name
            return new InvalidInput($"line {number}: not a {inputType.Name} in JSON: {(noise > 0 ? reason[..noise] : reason).Trim()}");
        }
    }
}
