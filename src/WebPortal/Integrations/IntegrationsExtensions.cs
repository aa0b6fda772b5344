using WebPortal.Integrations.Http;
using WebPortal.Integrations.KlasCement;

namespace WebPortal.Integrations;

public static class IntegrationsExtensions
{
    /// <summary>Registers the typed clients that call providers' APIs on a person's behalf.</summary>
    public static WebApplicationBuilder AddProviderClients(this WebApplicationBuilder builder)
    {
        builder.Services.AddRedactedHttpClientLogging();
        builder.Services.AddHttpClient<KlasCementApiClient>().AddApiResilience();
        return builder;
    }
}
