using Microsoft.AspNetCore.Authentication;

namespace WebPortal.Providers.MyOrganizer;

/// <summary>
/// B2C runs each user flow (policy) at its own path: <c>{instance}/{domain}/{policy}/oauth2/v2.0/…</c>. A sign-in
/// started in another flow than sign-up/sign-in (password reset, profile edit) is sent to that flow's authorize
/// endpoint, and its code must be redeemed at that same flow's token endpoint (B2C refuses it elsewhere with
/// <c>AADB2C90088</c>), so the flow travels in the sign-in's state.
/// </summary>
public static class MyOrganizerUserFlows
{
    /// <summary>The authentication property that names the user flow of a sign-in, when it is not the default one.</summary>
    public const string PolicyProperty = "webportal:b2c_policy";

    public static AuthenticationProperties In(AuthenticationProperties properties, string policy)
    {
        properties.Items[PolicyProperty] = policy;
        return properties;
    }

    public static string? Of(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(PolicyProperty, out var policy) == true && !string.IsNullOrEmpty(policy) ? policy : null;

    /// <summary>Swaps the policy segment of one of the default flow's endpoint URLs for another flow's.</summary>
    public static string Switch(string endpoint, string defaultPolicy, string policy)
    {
        var uri = new UriBuilder(endpoint);
        var segments = uri.Path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (string.Equals(segments[i], defaultPolicy, StringComparison.OrdinalIgnoreCase))
            {
                segments[i] = policy.ToLowerInvariant();
                uri.Path = string.Join('/', segments);
                return uri.Uri.AbsoluteUri;
            }
        }

        throw new InvalidOperationException("The endpoint does not name the default user flow.");
    }
}
