using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace WebPortal.Providers;

/// <summary>
/// A provider's pages live in its own folder: a controller in <c>WebPortal.Providers.{Provider}</c> finds its views
/// in <c>/Providers/{Provider}/Views/{Controller}/</c> first, then where MVC looks for every controller.
/// </summary>
internal sealed class ProviderViewLocations : IViewLocationExpander
{
    private const string ProviderKey = "provider";
    private const string NamespacePrefix = "WebPortal.Providers.";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor { ControllerTypeInfo.Namespace: { } space }
            && space.StartsWith(NamespacePrefix, StringComparison.Ordinal))
        {
            context.Values[ProviderKey] = space[NamespacePrefix.Length..].Split('.')[0];
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        context.Values.TryGetValue(ProviderKey, out var provider) && provider is not null
            ? viewLocations.Prepend($"/Providers/{provider}/Views/{{1}}/{{0}}.cshtml")
            : viewLocations;
}
