using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebPortal.Tests.Infrastructure;

/// <summary>A self-signed certificate with its private key in a password-protected PKCS#12 file, deleted when disposed.</summary>
public sealed class TestCertificate : IDisposable
{
    public const string Password = "test-certificate-password";

    private TestCertificate(X509Certificate2 certificate, string path)
    {
        Certificate = certificate;
        Path = path;
    }

    public X509Certificate2 Certificate { get; }

    public string Path { get; }

    /// <summary>The portal's settings naming this certificate for its key ring.</summary>
    public Dictionary<string, string?> KeyRingSettings => new()
    {
        ["DataProtection:CertificatePath"] = Path,
        ["DataProtection:CertificatePassword"] = Password,
    };

    public static TestCertificate Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=WebPortal key ring (tests)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"webportal-keyring-{Guid.NewGuid():N}.pfx");
        var pfx = created.Export(X509ContentType.Pfx, Password);
        File.WriteAllBytes(path, pfx);
        return new TestCertificate(X509CertificateLoader.LoadPkcs12(pfx, Password), path);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        File.Delete(Path);
    }
}
