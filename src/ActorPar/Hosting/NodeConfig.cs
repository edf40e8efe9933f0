using System.Collections;
using System.Text;
using ActorPar.Messaging;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorPar.Hosting;

/// <summary>
/// Builds a node's configuration from hocon/: the role's file (which includes common.conf),
/// then a program's own defaults (a workload's, say), then any extra files, then environment
/// variables, then <c>--set key=value</c> pairs; the last one wins. The types listed in
/// <c>actorpar.serialization.types</c> are then bound to our serializer. Malformed input becomes a <see cref="NodeStartException"/> that names
/// the file and what is wrong with it.
/// </summary>
public static class NodeConfig
{
    /// <summary>Environment variables with this prefix override keys: <c>ACTORPAR__akka__remote__dot_netty__tcp__port=5000</c>.</summary>
    public const string EnvironmentPrefix = "ACTORPAR__";

    /// <summary>The folder that holds common.conf and the role files, copied next to every ActorPar program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "hocon");

    /// <summary>The configuration of a node of <paramref name="role"/>: hocon/, then the extra files, then the overrides.</summary>
    public static Config Load(
        string role,
        string? directory = null,
        IEnumerable<string>? extraFiles = null,
        IEnumerable<KeyValuePair<string, string>>? overrides = null,
        IDictionary? environment = null,
        IEnumerable<KeyValuePair<string, string>>? defaults = null)
    {
        directory ??= DefaultDirectory;
        var roleFile = Path.Combine(directory, $"{role}.conf");
        if (!File.Exists(roleFile))
            throw new NodeStartException($"no configuration for role '{role}': {roleFile} does not exist");

        var config = ParseFile(roleFile);
        var programDefaults = (defaults ?? []).ToList();
        if (programDefaults.Count > 0) config = Parse(ToHocon(programDefaults), "defaults").WithFallback(config);
        foreach (var file in extraFiles ?? [])
        {
            if (!File.Exists(file)) throw new NodeStartException($"configuration file not found: {file}");
            config = ParseFile(Path.GetFullPath(file)).WithFallback(config);
        }

        var fromEnvironment = FromEnvironment(environment ?? Environment.GetEnvironmentVariables()).ToList();
        if (fromEnvironment.Count > 0) config = Parse(ToHocon(fromEnvironment), "environment variables").WithFallback(config);

        var fromCommandLine = (overrides ?? []).ToList();
        foreach (var assignment in fromCommandLine) Parse(ToHocon([assignment]), $"--set {assignment.Key}={assignment.Value}");
        if (fromCommandLine.Count > 0) config = Parse(ToHocon(fromCommandLine), "--set").WithFallback(config);
        CheckValues(config);
        return UserMessageTypes.Bind(config);
    }

    /// <summary>
    /// A value from any source (a file, the environment, <c>--set</c>) that does not fit its
    /// key's <see cref="Setting"/> is a configuration error naming the key, not a
    /// <see cref="FormatException"/> or a silent misbehaviour later.
    /// </summary>
    private static void CheckValues(Config config)
    {
        foreach (var setting in ConfigKeys.All)
        {
            if (!config.HasPath(setting.Key)) continue;
            var text = Shown(config, setting.Key);
            if (!setting.Fits(text)) throw new NodeStartException($"bad configuration: {setting.Key} must be {setting.Expected}, not '{text}'");
        }
    }

    private static string Shown(Config config, string key)
    {
        try { return config.GetString(key, ""); }
        catch (Exception) { return config.GetValue(key)?.ToString() ?? ""; }
    }

    /// <summary>Parses one <c>key=value</c> as given to <c>--set</c>.</summary>
    public static KeyValuePair<string, string> ParseAssignment(string assignment)
    {
        var equals = assignment.IndexOf('=');
        if (equals <= 0) throw new NodeStartException($"--set takes key=value, not '{assignment}'");
        return new(assignment[..equals].Trim(), assignment[(equals + 1)..].Trim());
    }

    /// <summary>Renders assignments as HOCON. Values are quoted unless they are numbers, durations, booleans, lists or objects.</summary>
    public static string ToHocon(IEnumerable<KeyValuePair<string, string>> assignments)
    {
        var hocon = new StringBuilder();
        foreach (var (key, value) in assignments)
            hocon.Append(key).Append(" = ").AppendLine(NeedsQuotes(value) ? Quote(value) : value);
        return hocon.ToString();
    }

    /// <summary>The environment variable that sets <paramref name="key"/>: <c>a.b-c</c> is <c>ACTORPAR__a__b_c</c>.</summary>
    public static string EnvironmentName(string key) => EnvironmentPrefix + key.Replace("-", "_").Replace(".", "__");

    private static IEnumerable<KeyValuePair<string, string>> FromEnvironment(IDictionary environment)
    {
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)) continue;
            var key = name[EnvironmentPrefix.Length..].Replace("__", "\u0001").Replace('_', '-').Replace('\u0001', '.');
            yield return new(key, entry.Value?.ToString() ?? "");
        }
    }

    private static bool NeedsQuotes(string value) =>
        value.Length == 0 ||
        !(value[0] is '[' or '{' or '"') && value.Any(c => char.IsWhiteSpace(c) || c is ':' or '/' or '#' or ',' or '@' or '$' or '=' or '"');

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static Config ParseFile(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        return Parse(File.ReadAllText(path), path, name => IncludeFrom(directory, name));
    }

    private static HoconRoot IncludeFrom(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path)) throw new NodeStartException($"malformed HOCON: included file {path} does not exist");
        return ParseRoot(File.ReadAllText(path), path, included => IncludeFrom(Path.GetDirectoryName(path)!, included));
    }

    private static Config Parse(string text, string origin, Func<string, HoconRoot>? include = null) =>
        new(ParseRoot(text, origin, include ?? (name => throw new NodeStartException($"malformed HOCON in {origin}: include \"{name}\" is not allowed here"))));

    private static HoconRoot ParseRoot(string text, string origin, Func<string, HoconRoot> include)
    {
        if (HoconCheck.Structure(text) is { } wrong) throw new NodeStartException($"malformed HOCON in {origin}: {wrong}");
        HoconRoot root;
        try
        {
            root = Parser.Parse(text, include);
        }
        catch (NodeStartException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new NodeStartException($"malformed HOCON in {origin}: {e.Message.Split('\n')[0].Trim()}", e);
        }
        if (HoconCheck.KeyWithoutValue(root.Value) is { } key) throw new NodeStartException($"malformed HOCON in {origin}: '{key}' has no value");
        return root;
    }
}
