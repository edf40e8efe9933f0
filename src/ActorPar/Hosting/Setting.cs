using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorPar.Hosting;

/// <summary>
/// A configuration key ActorPar reads, with what it must hold: <see cref="Expected"/> in words,
/// and <see cref="Fits"/>, the test of a value's text. hocon/ holds its default; a node checks
/// the value from any source (a file, the environment, <c>--set</c>) against it, and so does
/// the command-line option that sets the key, so one declaration says all three.
/// </summary>
public sealed partial record Setting(string Key, string Expected, Func<string, bool> Fits)
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Setting Whole(string key, int min, int max) => new(key, $"a whole number from {min} to {max}",
        text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max);

    /// <summary>A duration above zero, such as 500ms or 10s.</summary>
    public static Setting Duration(string key) => new(key, "a duration above zero, such as 500ms or 10s", IsDuration);

    /// <summary>off, or a duration above zero.</summary>
    public static Setting DurationOrOff(string key) => new(key, "off or a duration above zero, such as 30s", text => text == "off" || IsDuration(text));

    /// <summary>One of a few words.</summary>
    public static Setting OneOf(string key, params string[] words) => new(key, $"one of {string.Join(", ", words)}", words.Contains);

    /// <summary>Any text but an empty one.</summary>
    public static Setting NotEmpty(string key) => new(key, "a non-empty string", text => text.Trim().Length > 0);

    /// <summary>Any text, checked where it is used (a seed address, a type name, a file).</summary>
    public static Setting Text(string key) => new(key, "a string", _ => true);

    private static bool IsDuration(string text)
    {
        var match = DurationPattern().Match(text.Trim());
        return match.Success && double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) > 0;
    }

    // The units HOCON takes for a duration (Akka's Config.GetTimeSpan), long and short.
    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(ns|nanos?|nanoseconds?|us|micros?|microseconds?|ms|millis?|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)?$")]
    private static partial Regex DurationPattern();
}
