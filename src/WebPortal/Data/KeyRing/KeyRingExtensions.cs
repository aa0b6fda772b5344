using Microsoft.AspNetCore.DataProtection;

namespace WebPortal.Data.KeyRing;

public static class KeyRingExtensions
{
    /// <summary>
    /// Encrypts the key ring with the certificate <see cref="KeyRingOptions"/> names, and decrypts it with the same
    /// one (Data Protection would otherwise look for it in the X.509 store only). A certificate that cannot be loaded
    /// stops start-up, naming the key.
    /// </summary>
    public static void AddKeyRingProtection(this WebApplicationBuilder builder, IDataProtectionBuilder dataProtection)
    {
        // Read now, since Data Protection takes the certificate itself; the validation below reports a failure.
        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var certificate = KeyRingCertificate.Load(options);
        builder.Services.AddSingleton(certificate);
        builder.Services.AddOptions<KeyRingOptions>()
            .BindConfiguration(KeyRingOptions.Section)
            .Validate(_ => certificate.Failure is null, certificate.Failure ?? "")
            .ValidateOnStart();

        if (certificate.Certificate is { } encrypting)
        {
            dataProtection.ProtectKeysWithCertificate(encrypting).UnprotectKeysWithAnyCertificate(encrypting);
        }
    }
}
