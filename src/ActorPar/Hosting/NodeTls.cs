using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace ActorPar.Hosting;

/// <summary>
/// Mutual TLS between nodes (hocon/tls.conf, or <c>--tls</c>). Akka.Remote's DotNetty
/// transport does the handshake and, with <c>require-mutual-authentication</c>, asks the
/// connecting node for its certificate too; but its own check trusts the operating system's
/// certificate authorities, which know nothing of a cluster's private CA, and
/// <c>suppress-validation</c> would accept any certificate at all. So the node hands Akka a
/// validator that accepts exactly the certificates signed by the CA named in
/// <c>actorpar.tls.ca</c>, on both ends of every connection. The certificate's password is
/// read from an environment variable, never from a file or a command line.
/// </summary>
public static class NodeTls
{
    /// <summary>The environment variable that names the node's certificate file.</summary>
    public const string CertificateVariable = "ACTORPAR_TLS_CERTIFICATE";
    /// <summary>The environment variable that names the certificate authority's file.</summary>
    public const string CaVariable = "ACTORPAR_TLS_CA";

    /// <summary>Whether <paramref name="config"/> turns TLS on.</summary>
    public static bool IsOn(Config config) => config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl");

    /// <summary>The transport's TLS set-up for this node, or null when TLS is off.</summary>
    public static DotNettySslSetup? Setup(Config config)
    {
        if (!IsOn(config)) return null;
        var certificatePath = Setting(config, "actorpar.tls.certificate", CertificateVariable);
        var caPath = Setting(config, "actorpar.tls.ca", CaVariable);
        var passwordVariable = config.GetString("actorpar.tls.password-variable");
        var password = Environment.GetEnvironmentVariable(passwordVariable);
        if (string.IsNullOrEmpty(password)) throw new NodeStartException($"TLS is on but the environment variable {passwordVariable} (the certificate's password) is not set");

        var certificate = Load(certificatePath, () => X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password), $"certificate (is {passwordVariable} its password?)");
        if (!certificate.HasPrivateKey) throw new NodeStartException($"TLS certificate {certificatePath} has no private key");
        var ca = Load(caPath, () => X509CertificateLoader.LoadCertificateFromFile(caPath), "CA certificate (PEM or DER)");
        if (config.GetBoolean("akka.remote.dot-netty.tcp.ssl.suppress-validation"))
            throw new NodeStartException($"TLS with suppress-validation = on would accept any certificate; ActorPar checks them against {caPath} instead, so leave it off");

        return new DotNettySslSetup(
            certificate,
            suppressValidation: false,
            requireMutualAuthentication: config.GetBoolean("akka.remote.dot-netty.tcp.ssl.require-mutual-authentication"),
            validateCertificateHostname: config.GetBoolean("akka.remote.dot-netty.tcp.ssl.validate-certificate-hostname"),
            customValidator: SignedBy(ca));
    }

    /// <summary>Accepts a peer's certificate only when it chains to <paramref name="ca"/>, and nothing else.</summary>
    public static CertificateValidationCallback SignedBy(X509Certificate2 ca) => (certificate, _, peer, errors, log) =>
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            log.Error("TLS: refused {0}: it showed no certificate", peer);
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(certificate)) return true;
        var why = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        // At error level, so that it shows among Akka's own messages (actorpar.logging.akka-level).
        log.Error("TLS: refused {0}: its certificate ({1}, issued by {2}) is not signed by this cluster's CA: {3}",
            peer, certificate.Subject, certificate.Issuer, why);
        return false;
    };

    private static string Setting(Config config, string key, string variable)
    {
        var value = config.GetString(key);
        if (value.Length == 0) value = Environment.GetEnvironmentVariable(variable) ?? "";
        if (value.Length == 0) throw new NodeStartException($"TLS is on but {key} is not set (or set the environment variable {variable})");
        return value;
    }

    private static X509Certificate2 Load(string path, Func<X509Certificate2> load, string what)
    {
        if (!File.Exists(path)) throw new NodeStartException($"TLS file not found: {path}");
        try
        {
            return load();
        }
        catch (CryptographicException e)
        {
            throw new NodeStartException($"cannot read {path} as a TLS {what}: {e.Message.Split('\n')[0].Trim()}", e);
        }
    }
}
