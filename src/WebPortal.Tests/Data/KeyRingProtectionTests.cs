using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WebPortal.Data;
using WebPortal.Tests.Infrastructure;
using WebPortal.Tokens;

namespace WebPortal.Tests.Data;

public sealed class KeyRingProtectionTests
{
    [Fact]
    public async Task With_a_certificate_the_database_alone_cannot_decrypt_a_stored_token()
    {
        using var certificate = TestCertificate.Create();
        await using var harness = await PortalHarness.StartAsync(certificate.KeyRingSettings);
        await harness.NewSession().SignInAsync();
        var stored = await harness.Portal.StoredConnectionAsync("KlasCement", Members.AnPeeters);
        var row = Assert.Single(await harness.Portal.ConnectionsAsync());
        var keys = await harness.Portal.WithDatabaseAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Contains("<encryptedSecret", key.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
        });

        var withoutCertificate = TokensFrom(harness.Portal.Database, keyRing => keyRing);
        Assert.ThrowsAny<CryptographicException>(() => withoutCertificate.Unprotect("KlasCement", TokenKind.AccessToken, row.ProtectedAccessToken!));

        var withCertificate = TokensFrom(harness.Portal.Database, keyRing => keyRing.UnprotectKeysWithAnyCertificate(certificate.Certificate));
        Assert.Equal(stored.AccessToken, withCertificate.Unprotect("KlasCement", TokenKind.AccessToken, row.ProtectedAccessToken!));
    }

    [Fact]
    public async Task Without_a_certificate_the_key_ring_is_stored_in_the_clear_and_Production_warns_naming_the_keys()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement, environment: "Production");
        using var browser = new PortalSession(portal);
        await browser.GetAsync("/");
        var keys = await portal.WithDatabaseAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains("<masterKey", key.Xml, StringComparison.Ordinal));
        var warning = Assert.Single(portal.Logs.Entries, IsUnprotectedKeyRingWarning);
        Assert.Contains("DataProtection:CertificatePath", warning.PlainMessage, StringComparison.Ordinal);
        Assert.Contains("DataProtection:CertificateThumbprint", warning.PlainMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_key_encrypts_with_AES_256_GCM()
    {
        await using var harness = await PortalHarness.StartAsync();
        await harness.NewSession().SignInAsync();
        var row = Assert.Single(await harness.Portal.ConnectionsAsync());
        var keys = await harness.Portal.WithDatabaseAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync());

        var key = Assert.Single(keys);
        Assert.Contains("<encryption algorithm=\"AES_256_GCM\"", key.Xml, StringComparison.Ordinal);

        // What the key ring in the database says is all a reader needs: one configured with the defaults decrypts too.
        var withDefaults = TokensFrom(harness.Portal.Database, keyRing => keyRing);
        Assert.Equal(
            (await harness.Portal.StoredConnectionAsync("KlasCement", Members.AnPeeters)).AccessToken,
            withDefaults.Unprotect("KlasCement", TokenKind.AccessToken, row.ProtectedAccessToken!));
    }

    [Fact]
    public async Task A_certificate_in_Production_silences_the_warning()
    {
        using var certificate = TestCertificate.Create();
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement, certificate.KeyRingSettings, environment: "Production");
        _ = portal.Server;

        Assert.DoesNotContain(portal.Logs.Entries, IsUnprotectedKeyRingWarning);
    }

    [Theory]
    [InlineData("wrong password", "DataProtection:CertificatePath could not be read as a PKCS#12 file with DataProtection:CertificatePassword.")]
    [InlineData("no file", "DataProtection:CertificatePath names a file that does not exist.")]
    [InlineData("both", "Set either DataProtection:CertificatePath or DataProtection:CertificateThumbprint, not both.")]
    [InlineData("unknown thumbprint", "DataProtection:CertificateThumbprint names no certificate in the user's or the machine's personal store.")]
    public async Task A_certificate_that_cannot_be_used_stops_start_up_naming_the_key(string mistake, string failure)
    {
        using var certificate = TestCertificate.Create();
        var settings = mistake switch
        {
            "wrong password" => new Dictionary<string, string?>(certificate.KeyRingSettings) { ["DataProtection:CertificatePassword"] = "not the password" },
            "no file" => new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = $"{certificate.Path}.missing" },
            "both" => new Dictionary<string, string?>(certificate.KeyRingSettings) { ["DataProtection:CertificateThumbprint"] = certificate.Certificate.Thumbprint },
            _ => new Dictionary<string, string?> { ["DataProtection:CertificateThumbprint"] = certificate.Certificate.Thumbprint },
        };
        await using var portal = new PortalFactory(standIn: null, settings);

        Assert.ThrowsAny<Exception>(() => portal.Server);

        var critical = Assert.Single(portal.Logs.Entries, entry => entry.Level == LogLevel.Critical);
        Assert.Equal($"WebPortal cannot start: {failure}", critical.PlainMessage);
        Assert.DoesNotContain(TestCertificate.Password, string.Join('\n', portal.Logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);
    }

    private static bool IsUnprotectedKeyRingWarning(FakeLogRecord entry) =>
        entry.Level == LogLevel.Warning && entry.PlainMessage.Contains("key ring is stored in the database without encryption", StringComparison.Ordinal);

    /// <summary>The portal's token protector over nothing but the database's key ring, as someone with a copy of it would build it.</summary>
    private static TokenProtector TokensFrom(TestDatabase database, Func<IDataProtectionBuilder, IDataProtectionBuilder> keyRing)
    {
        var services = new ServiceCollection();
        services.AddScoped(_ => database.OpenContext());
        keyRing(services.AddDataProtection().SetApplicationName("WebPortal").PersistKeysToDbContext<PortalDbContext>());
        return new TokenProtector(services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>());
    }
}
