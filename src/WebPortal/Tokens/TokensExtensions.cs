using Microsoft.Extensions.DependencyInjection.Extensions;
using WebPortal.Scaling;

namespace WebPortal.Tokens;

public static class TokensExtensions
{
    /// <summary>Registers the encrypted token store and the access-token service with its single-flight refresh.</summary>
    public static WebApplicationBuilder AddPortalTokens(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TokenRefreshOptions>()
            .BindConfiguration(TokenRefreshOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenProtector>();
        builder.Services.AddSingleton<KeyedAsyncLock>();
        builder.Services.AddSingleton<RefreshFlights>();
        builder.Services.AddSingleton<RefreshLocks>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<AccessTokenCache>();
        builder.Services.AddSingleton<ILocalCache>(services => services.GetRequiredService<AccessTokenCache>());
        builder.Services.AddScoped<ProviderConnectionStore>();
        builder.Services.AddScoped<AccessTokenService>();
        return builder;
    }
}
