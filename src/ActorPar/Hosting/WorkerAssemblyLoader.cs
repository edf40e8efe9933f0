using System.Reflection;
using System.Runtime.Loader;

namespace ActorPar.Hosting;

/// <summary>
/// Loads the assemblies that hold users' own workers and message types into this process,
/// so that a worker deployed here from another node, and the messages it receives, find
/// their types. Their dependencies are looked up next to them.
/// </summary>
public static class WorkerAssemblyLoader
{
    /// <summary>More worker assemblies, as a list of paths (separated as in PATH): how a pool tells the worker nodes it starts.</summary>
    public const string Variable = "ACTORPAR_WORKER_ASSEMBLIES";

    private static readonly HashSet<string> Folders = new(StringComparer.Ordinal);

    /// <summary>Loads <paramref name="paths"/> and those named in <see cref="Variable"/>.</summary>
    public static IReadOnlyList<Assembly> LoadWithEnvironment(IEnumerable<string> paths) =>
        Load(paths.Concat((Environment.GetEnvironmentVariable(Variable) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>Loads the assemblies at <paramref name="paths"/>, each with its own dependencies beside it.</summary>
    public static IReadOnlyList<Assembly> Load(IEnumerable<string> paths)
    {
        var loaded = new List<Assembly>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full)) throw new NodeStartException($"worker assembly not found: {path}");
            lock (Folders)
                if (Folders.Add(Path.GetDirectoryName(full)!) && Folders.Count == 1)
                    AssemblyLoadContext.Default.Resolving += ResolveNextToWorkers;
            try
            {
                loaded.Add(AssemblyLoadContext.Default.LoadFromAssemblyPath(full));
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException)
            {
                throw new NodeStartException($"cannot load worker assembly {path}: {e.Message}", e);
            }
        }
        foreach (var assembly in loaded) CheckReferences(assembly);
        return loaded;
    }

    /// <summary>
    /// A dependency that is not next to the worker assembly would make every task fail with
    /// FileNotFoundException on the worker nodes; find that out when the node starts. A class
    /// library's build output holds no NuGet package, which is the usual cause.
    /// </summary>
    private static void CheckReferences(Assembly assembly)
    {
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            try
            {
                AssemblyLoadContext.Default.LoadFromAssemblyName(reference);
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                throw new NodeStartException(
                    $"worker assembly {Path.GetFileName(assembly.Location)} needs {reference.Name} {reference.Version}, which is not next to it: " +
                    "add <CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies> to its project (or dotnet publish it) and give the .dll from that folder", e);
            }
        }
    }

    private static Assembly? ResolveNextToWorkers(AssemblyLoadContext context, AssemblyName name)
    {
        string[] folders;
        lock (Folders) folders = [.. Folders];
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name.Name + ".dll");
            if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
        }
        return null;
    }
}
