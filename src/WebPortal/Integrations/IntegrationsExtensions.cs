using WebPortal.Integrations.Http;
using WebPortal.Integrations.KlasCement;
using WebPortal.Integrations.MyOrganizer;

namespace WebPortal.Integrations;

public static class IntegrationsExtensions
{
    /// <summary>Registers the typed clients that call providers' APIs on a person's behalf.</summary>
    public static WebApplicationBuilder AddProviderClients(this WebApplicationBuilder builder)
    {
        builder.Services.AddRedactedHttpClientLogging();
        builder.Services.AddHttpClient<KlasCementApiClient>().AddApiResilience();
        builder.Services.AddMyOrganizerApi(builder.Configuration);
        return builder;
    }
}
