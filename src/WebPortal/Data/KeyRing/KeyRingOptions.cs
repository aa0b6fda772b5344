namespace WebPortal.Data.KeyRing;

/// <summary>
/// Configuration section <c>DataProtection</c>: the certificate that encrypts the Data Protection key ring where it
/// is stored (the portal database), so that a copy of the database alone decrypts neither cookies nor tokens. Either a
/// PKCS#12 file (<see cref="CertificatePath"/>, <see cref="CertificatePassword"/>) or a certificate in the X.509
/// store of the user or the machine (<see cref="CertificateThumbprint"/>), with its private key.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public string? CertificateThumbprint { get; set; }
}
