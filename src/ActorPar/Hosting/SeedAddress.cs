using Akka.Actor;

namespace ActorPar.Hosting;

/// <summary>Reads a seed given as <c>HOST:PORT</c> or as a full <c>akka.tcp://system@HOST:PORT</c> address.</summary>
public static class SeedAddress
{
    /// <param name="protocol">What <c>HOST:PORT</c> stands for: <c>akka.tcp</c>, or <c>akka.ssl.tcp</c> when TLS is on.</param>
    public static Address Parse(string text, string systemName, string protocol = "akka.tcp")
    {
        text = text.Trim();
        if (text.Length == 0) throw new NodeStartException("a worker node needs the coordinator's address: --seed HOST:PORT");
        if (text.Contains("://"))
        {
            try
            {
                var address = Address.Parse(text);
                if (address.Host is null || address.Port is null) throw new UriFormatException("no host or port");
                if (address.System != systemName)
                    throw new NodeStartException($"seed {text} names actor system '{address.System}', but this node is '{systemName}'");
                return address;
            }
            catch (UriFormatException e)
            {
                throw new NodeStartException($"--seed '{text}' is not an address like akka.tcp://{systemName}@127.0.0.1:4053", e);
            }
        }
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new NodeStartException($"--seed '{text}' is not HOST:PORT (a port from 1 to 65535)");
        return new Address(protocol, systemName, text[..colon], port);
    }
}
