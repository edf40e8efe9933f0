using ActorPar.Hosting;
using ActorPar.Messaging;
using Akka.Configuration;

namespace ActorPar.TestKit;

/// <summary>
/// The configuration a test gives its nodes, as your real nodes get theirs: the same
/// <c>--config</c> files (your <c>.conf</c> with <c>actorpar.serialization.types</c>, say) and
/// <c>--set key=value</c> settings, over ActorPar's hocon/. With no file, the worker's input
/// and result types are listed for you, as <c>WorkerPool</c> lists them; with files, their
/// list is used as it is, so a type you forgot to list fails the test, as it would fail the
/// node.
/// </summary>
public sealed record ActorParTestConfig
{
    /// <summary>A configuration made of <paramref name="configFiles"/> (relative paths are found in the test's output folder).</summary>
    public ActorParTestConfig(params string[] configFiles) => ConfigFiles = configFiles;

    /// <summary>HOCON files, as <c>--config FILE</c> gives them to every node; later files win.</summary>
    public IReadOnlyList<string> ConfigFiles { get; init; }

    /// <summary>Configuration keys to set, as <c>--set key=value</c> does (<c>["actorpar.coordinator.max-attempts"] = "1"</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A node's configuration for <paramref name="role"/> (<c>worker</c> or <c>coordinator</c>):
    /// hocon/, then the files, then the settings and <paramref name="more"/>; the worker's
    /// <paramref name="taskTypes"/> are listed when no file is given.
    /// </summary>
    /// <exception cref="NodeStartException">a file is missing or malformed, a value is wrong, or a listed type cannot be rebuilt: the line a node would print.</exception>
    internal Config Load(string role, IEnumerable<Type> taskTypes, IEnumerable<KeyValuePair<string, string>>? more = null)
    {
        var files = ConfigFiles.Select(Locate).ToList();
        var sets = Settings.Concat(more ?? []).ToList();
        var config = NodeConfig.Load(role, extraFiles: files, overrides: sets);
        if (files.Count == 0 && !Settings.ContainsKey(UserMessageTypes.Key))
            config = NodeConfig.Load(role, extraFiles: files, overrides: [.. sets, new(UserMessageTypes.Key, UserMessageTypes.ListWith(config, taskTypes))]);
        UserMessageTypes.Resolve(config);
        return config;
    }

    /// <summary>A relative path as given, when it exists there; else next to the test assembly, where the build copies a linked file.</summary>
    private static string Locate(string file) =>
        Path.IsPathRooted(file) || File.Exists(file) ? file : Path.Combine(AppContext.BaseDirectory, file);
}
