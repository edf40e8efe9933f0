using System.CommandLine;
using ActorPar.Hosting;

namespace ActorPar.Node.Cli;

/// <summary>
/// A command-line option that sets one configuration key. Its check is the key's
/// <see cref="Setting"/>, the same one a node applies to the key from any source, and its help
/// names the key; the default shown in <c>--help</c> is read from hocon/, where it lives.
/// </summary>
public sealed class KeyedOption
{
    private readonly string _help;

    public KeyedOption(string name, Setting setting, string help)
    {
        Setting = setting;
        _help = help;
        Option = new Option<string?>(name)
        {
            Description = $"{help} [{setting.Key}]",
            Recursive = true,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0) return null;
                var text = result.Tokens[^1].Value;
                if (!setting.Fits(text)) result.AddError($"{name} takes {setting.Expected}, not '{text}'");
                return text;
            },
        };
    }

    public Option<string?> Option { get; }
    public Setting Setting { get; }

    /// <summary>Shows the default from <paramref name="defaults"/> (hocon/) in the help text.</summary>
    public void ShowDefault(Akka.Configuration.Config defaults)
    {
        var value = defaults.HasPath(Setting.Key) ? defaults.GetString(Setting.Key) : "";
        Option.Description = $"{_help} [{Setting.Key}, default {(value.Length == 0 ? "none" : value)}]";
    }
}
