using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace ActorPar.Node.Workloads;

/// <summary>
/// Builders for the options workloads add to their subcommand: a number within bounds, a
/// list of durations, a switch. A value out of bounds is a usage error (one line, exit 2).
/// </summary>
public static class WorkloadOptions
{
    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/> when absent.</summary>
    public static Option<T> Number<T>(string name, string description, T fallback, T min, T max) where T : struct, INumber<T>
    {
        var option = new Option<T>(name)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
        };
        option.CustomParser = result =>
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
        };
        return option;
    }

    /// <summary>Seconds as a list, <c>5,2,4,1,5</c> or <c>5 2 4 1 5</c>; each one positive.</summary>
    public static Option<double[]> Seconds(string name, string description, double[] fallback)
    {
        var option = new Option<double[]>(name)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
            HelpName = "SECONDS",
            CustomParser = result =>
            {
                var values = new List<double>();
                foreach (var text in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                {
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0) || double.IsInfinity(seconds))
                    {
                        result.AddError($"{name} takes positive numbers of seconds such as 5,2,4,1,5, not '{text}'");
                        return [];
                    }
                    values.Add(seconds);
                }
                if (values.Count == 0) result.AddError($"{name} needs at least one number of seconds");
                return [.. values];
            },
        };
        return option;
    }

    /// <summary>An on/off flag.</summary>
    public static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    /// <summary>A number as the user would read it: 10,000,000 or 0.5.</summary>
    public static string Show<T>(T value) where T : INumber<T> => value.ToString(T.IsInteger(value) ? "N0" : "0.###", CultureInfo.InvariantCulture);
}
