using Akka.Configuration.Hocon;

namespace ActorPar.Hosting;

/// <summary>
/// What Akka's HOCON parser lets through. It reads <c>a = {</c>, <c>a = [1, 2</c>,
/// <c>a = "x</c> and <c>a = }</c> without a word, leaving a half-built tree that fails far
/// from its cause, or not at all. These checks find an unclosed or stray bracket, an
/// unterminated string and a key with no value, and say where.
/// </summary>
public static class HoconCheck
{
    /// <summary>Checks the text's brackets and strings; returns what is wrong, or null.</summary>
    public static string? Structure(string text)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') { line++; continue; }
            if (c == '#' || (c == '/' && Next(text, i) == '/'))
            {
                while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                continue;
            }
            if (c == '"')
            {
                var start = line;
                if (text.AsSpan(i).StartsWith("\"\"\""))
                {
                    var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                    if (end < 0) return $"line {start}: a \"\"\" string is never closed";
                    line += text.AsSpan(i, end - i).Count('\n');
                    i = end + 2;
                    continue;
                }
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    if (text[i] == '\\') i++;
                    else if (text[i] == '\n') return $"line {start}: a quoted string is not closed on its line";
                }
                if (i >= text.Length) return $"line {start}: a quoted string is never closed";
                continue;
            }
            switch (c)
            {
                case '{' or '[':
                    open.Push((c, line));
                    break;
                case '}' or ']':
                    var expected = c == '}' ? '{' : '[';
                    if (open.Count == 0) return $"line {line}: '{c}' closes nothing";
                    var (bracket, opened) = open.Pop();
                    if (bracket != expected) return $"line {line}: '{c}' closes the '{bracket}' of line {opened}";
                    break;
            }
        }
        return open.Count > 0 ? $"line {open.Peek().Line}: '{open.Peek().Bracket}' is never closed" : null;
    }

    /// <summary>The first key in the parsed tree that has no value (<c>a = }</c>, <c>a b c</c>), or null.</summary>
    public static string? KeyWithoutValue(HoconValue value, string path = "")
    {
        if (value.Values.Count == 0) return path.Length == 0 ? null : path; // an empty file is fine
        if (!value.IsObject()) return null;
        foreach (var (key, child) in value.GetObject().Items)
            if (KeyWithoutValue(child, path.Length == 0 ? key : $"{path}.{key}") is { } found)
                return found;
        return null;
    }

    private static char Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';
}
