using System.Reflection;

namespace ActorPar.Tests.Support;

/// <summary>
/// Where the projects in examples/ are built. The test project references them (without
/// using their code), so building the tests builds them too, in the same configuration.
/// </summary>
public static class Examples
{
    public static string Root { get; } = FindRoot();

    private static string Configuration =>
        typeof(Examples).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The built file <paramref name="file"/> of example <paramref name="project"/>, e.g. ("Collatz", "Collatz.dll").</summary>
    public static string Output(string project, string file)
    {
        var path = Path.Combine(Root, "examples", project, "bin", Configuration, "net10.0", file);
        if (!File.Exists(path)) throw new FileNotFoundException($"example {project} is not built: {path} is missing (dotnet build {Path.Combine(Root, "examples", project)})");
        return path;
    }

    /// <summary>A file of example <paramref name="project"/>'s sources, e.g. ("Collatz", "numbers.jsonl").</summary>
    public static string Source(string project, string file) => Path.Combine(Root, "examples", project, file);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "ActorPar.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException($"no ActorPar.sln above {AppContext.BaseDirectory}");
    }
}
