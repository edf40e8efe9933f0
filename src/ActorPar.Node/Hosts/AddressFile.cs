using Akka.Actor;

namespace ActorPar.Node.Hosts;

/// <summary>Publishes a node's bound address in a file, written whole so that a reader never sees half of it.</summary>
public static class AddressFile
{
    public static void Write(string? path, Address address)
    {
        if (string.IsNullOrEmpty(path)) return;
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, address + Environment.NewLine);
        File.Move(temporary, path, overwrite: true);
    }
}
