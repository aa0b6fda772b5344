using WebPortal.Authentication;
using WebPortal.Data.KeyRing;
using WebPortal.Sandbox;

namespace WebPortal.Infrastructure;

/// <summary>
/// Says at start-up which providers are on, which are off and why, whether the sandbox runs, and, in Production,
/// when the key ring is stored without a certificate protecting it.
/// </summary>
internal sealed partial class StartupReport(
    ExternalProviderCatalog providers,
    SandboxStatus sandbox,
    KeyRingCertificate keyRing,
    IHostEnvironment environment,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in providers.All)
        {
            if (provider.IsEnabled)
            {
                LogProviderOn(logger, provider.DisplayName);
            }
            else
            {
                LogProviderOff(logger, provider.DisplayName, provider.DisabledBecause!);
            }
        }

        if (sandbox.IsActive)
        {
            LogSandboxOn(logger);
        }
        else if (sandbox.IgnoredOutsideDevelopment)
        {
            LogSandboxIgnored(logger);
        }
        else if (sandbox.NotInThisBuild)
        {
            LogSandboxNotInThisBuild(logger);
        }

        if (keyRing.Certificate is null && environment.IsProduction())
        {
            LogKeyRingUnprotected(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Sign-in with {Provider} is on")]
    private static partial void LogProviderOn(ILogger logger, string provider);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Sign-in with {Provider} is off: {Reason}")]
    private static partial void LogProviderOff(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "The local sandbox providers are on (Development only); sign-in goes to them, not to the real providers")]
    private static partial void LogSandboxOn(ILogger logger);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Sandbox:Enabled is ignored: the sandbox providers exist in the Development environment only")]
    private static partial void LogSandboxIgnored(ILogger logger);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Sandbox:Enabled is ignored: this build has no sandbox (a Release build contains no stand-in providers); run a Debug build, e.g. dotnet run --project src/WebPortal, to use them")]
    private static partial void LogSandboxNotInThisBuild(ILogger logger);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "The Data Protection key ring is stored in the database without encryption, so a copy of the database can decrypt stored tokens and sessions: set DataProtection:CertificatePath (with DataProtection:CertificatePassword) or DataProtection:CertificateThumbprint")]
    private static partial void LogKeyRingUnprotected(ILogger logger);
}
