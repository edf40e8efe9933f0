using System.Text;
using System.Text.Json;

namespace ActorPar.Tests.Support;

/// <summary>
/// Parses JSON as a strict reader would: an object that names the same property twice is
/// refused, where <see cref="JsonDocument"/> keeps both and Python's or JavaScript's parsers
/// silently keep the last. Reports are read through it, so a key shadowed by another fails.
/// </summary>
public static class StrictJson
{
    public static JsonElement Parse(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var names = new Stack<HashSet<string>?>(); // one set per open object; null for an array
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    names.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    names.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    names.Pop();
                    break;
                case JsonTokenType.PropertyName when !names.Peek()!.Add(reader.GetString()!):
                    throw new JsonException($"property \"{reader.GetString()}\" appears twice in one object (at byte {reader.TokenStartIndex})");
            }
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
