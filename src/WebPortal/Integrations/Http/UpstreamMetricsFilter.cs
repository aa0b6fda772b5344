using Microsoft.Extensions.Http;
using WebPortal.Observability;

namespace WebPortal.Integrations.Http;

/// <summary>
/// Puts <see cref="UpstreamMetricsHandler"/> outermost in every named client's pipeline, with the provider named
/// after the client: a filter, because the clients' shared defaults do not know which client they configure.
/// </summary>
internal sealed class UpstreamMetricsFilter(PortalMetrics metrics, TimeProvider time) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.AdditionalHandlers.Insert(0, new UpstreamMetricsHandler(UpstreamMetricsHandler.ProviderOf(builder.Name ?? ""), metrics, time));
    };
}
