using WebPortal.Integrations.Http;

namespace WebPortal.Integrations;

public static class IntegrationsExtensions
{
    /// <summary>The HTTP plumbing every provider client shares: redacted logging, no redirects, reduced error answers. Each provider module registers its own clients.</summary>
    public static WebApplicationBuilder AddProviderClients(this WebApplicationBuilder builder)
    {
        builder.Services.AddRedactedHttpClientLogging();
        return builder;
    }
}
