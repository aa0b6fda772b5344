using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebPortal.Data.KeyRing;

/// <summary>The key ring's certificate as configured, or why it could not be loaded (a message naming the key).</summary>
public sealed record KeyRingCertificate(X509Certificate2? Certificate, string? Failure)
{
    private static readonly KeyRingCertificate None = new(null, null);

    public static KeyRingCertificate Load(KeyRingOptions options)
    {
        var section = KeyRingOptions.Section;
        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !string.IsNullOrWhiteSpace(options.CertificateThumbprint))
        {
            return Failed($"Set either {section}:{nameof(KeyRingOptions.CertificatePath)} or {section}:{nameof(KeyRingOptions.CertificateThumbprint)}, not both.");
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return FromFile(options.CertificatePath, options.CertificatePassword);
        }

        return string.IsNullOrWhiteSpace(options.CertificateThumbprint) ? None : FromStore(options.CertificateThumbprint);
    }

    private static KeyRingCertificate FromFile(string path, string? password)
    {
        var key = $"{KeyRingOptions.Section}:{nameof(KeyRingOptions.CertificatePath)}";
        if (!File.Exists(path))
        {
            return Failed($"{key} names a file that does not exist.");
        }

        try
        {
            return WithPrivateKey(X509CertificateLoader.LoadPkcs12FromFile(path, password), key);
        }
        catch (CryptographicException)
        {
            // The exception says no more than this, and never the password.
            return Failed($"{key} could not be read as a PKCS#12 file with {KeyRingOptions.Section}:{nameof(KeyRingOptions.CertificatePassword)}.");
        }
    }

    private static KeyRingCertificate FromStore(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (Exception exception) when (exception is CryptographicException or PlatformNotSupportedException)
            {
                // No such store here (on Linux the machine has no personal store).
                continue;
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Trim(), validOnly: false);
            if (found.Count > 0)
            {
                return WithPrivateKey(found[0], $"{KeyRingOptions.Section}:{nameof(KeyRingOptions.CertificateThumbprint)}");
            }
        }

        return Failed($"{KeyRingOptions.Section}:{nameof(KeyRingOptions.CertificateThumbprint)} names no certificate in the user's or the machine's personal store.");
    }

    private static KeyRingCertificate WithPrivateKey(X509Certificate2 certificate, string key) =>
        certificate.HasPrivateKey ? new KeyRingCertificate(certificate, null) : Failed($"{key} names a certificate without its private key.");

    private static KeyRingCertificate Failed(string failure) => new(null, failure);
}
