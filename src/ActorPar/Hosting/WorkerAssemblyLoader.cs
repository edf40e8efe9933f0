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
    private static readonly HashSet<string> Folders = new(StringComparer.Ordinal);

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
        return loaded;
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
