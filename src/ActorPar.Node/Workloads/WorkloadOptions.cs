using System.Globalization;
using System.Numerics;

namespace ActorPar.Node.Workloads;

/// <summary>
/// Builders for the options workloads add to their subcommand: a number within bounds, a
/// list, a file, a switch. A value out of bounds is a usage error (one line, exit 2).
/// </summary>
public static class WorkloadOptions
{
    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/> when absent.</summary>
    public static Option<T> Number<T>(string name, string description, T fallback, T min, T max) where T : struct, INumber<T> => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return fallback;
            var text = result.Tokens[^1].Value;
            if (!T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                result.AddError($"{name} takes a number from {Show(min)} to {Show(max)}, not '{text}'");
            else if (value < min || value > max)
                result.AddError($"{name} must be from {Show(min)} to {Show(max)}, not {Show(value)}");
            else
                return value;
            return fallback;
        },
    };

    /// <summary>
    /// A list, <c>5,2,4,1,5</c> or <c>5 2 4 1 5</c>; <paramref name="parse"/> gives null for an
    /// item it refuses, and the error names the item and says what <paramref name="takes"/>.
    /// </summary>
    public static Option<T[]> List<T>(string name, string description, string helpName, T[] fallback, Func<string, T?> parse, string takes, bool atLeastOne = false)
        where T : struct => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        AllowMultipleArgumentsPerToken = true,
        Arity = atLeastOne ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
        HelpName = helpName,
        CustomParser = result =>
        {
            var values = new List<T>();
            foreach (var text in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (parse(text) is not { } value)
                {
                    result.AddError($"{name} takes {takes}, not '{text}'");
                    return [];
                }
                values.Add(value);
            }
            if (atLeastOne && values.Count == 0) result.AddError($"{name} needs at least one value: {takes}");
            return [.. values];
        },
    };

    /// <summary>A file or folder; <paramref name="fallback"/> when absent, if any.</summary>
    public static Option<string?> File(string name, string description, string? fallback = null, string helpName = "FILE") =>
        new(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => fallback };

    /// <summary>An on/off flag.</summary>
    public static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    /// <summary>A number as the user would read it: 10,000,000 or 0.5.</summary>
    public static string Show<T>(T value) where T : INumber<T> => value.ToString(T.IsInteger(value) ? "N0" : "0.###", CultureInfo.InvariantCulture);
}
