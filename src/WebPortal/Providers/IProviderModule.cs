using Microsoft.AspNetCore.Authentication;
using WebPortal.Authentication;

namespace WebPortal.Providers;

/// <summary>
/// One provider the portal offers, in a folder of its own under <c>Providers/</c>: it describes itself and registers
/// its sign-in, options, token refresher and API clients. The portal finds every module at start-up (see
/// <see cref="ProviderModules"/>), so adding a provider changes no shared file.
/// </summary>
public interface IProviderModule
{
    /// <summary>What the start page, the navigation and the account pages show of the provider.</summary>
    ProviderDescriptor Descriptor { get; }

    /// <summary>Why the provider is off with this configuration (its client id is not set, say); null when it is on.</summary>
    string? DisabledBecause(IConfiguration configuration);

    /// <summary>Registers the provider's services: its sign-in scheme only when <see cref="ProviderModuleContext.IsEnabled"/>.</summary>
    void Register(ProviderModuleContext context);

    /// <summary>
    /// Where the enabled provider's sign-in happens, from its configured options: the callback path the portal answers
    /// (rate limited) and the origin people are sent to sign in at (allowed as a form action).
    /// </summary>
    ProviderSignInAddresses SignInAddresses(IServiceProvider services);
}

/// <param name="AuthorizationOrigin">The scheme, host and port of the provider's authorization endpoint.</param>
public sealed record ProviderSignInAddresses(PathString CallbackPath, string AuthorizationOrigin);

/// <param name="IsEnabled">The provider's configuration switches it on.</param>
public sealed record ProviderModuleContext(WebApplicationBuilder Builder, AuthenticationBuilder Authentication, bool IsEnabled)
{
    public IServiceCollection Services => Builder.Services;

    public IConfiguration Configuration => Builder.Configuration;
}
