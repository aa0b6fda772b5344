namespace WebPortal.Sandbox.KlasCement;

/// <summary>The portal configuration that points KlasCement sign-in and its API at a KlasCement stand-in.</summary>
public static class KlasCementSandboxSettings
{
    /// <param name="baseUrl">Where the stand-in's endpoints are mapped, without a trailing slash.</param>
    /// <param name="clientId">The client the stand-in knows.</param>
    /// <param name="clientSecret">That client's secret.</param>
    public static IReadOnlyDictionary<string, string?> For(string baseUrl, string clientId, string clientSecret) => new Dictionary<string, string?>
    {
        ["KlasCement:ClientId"] = clientId,
        ["KlasCement:ClientSecret"] = clientSecret,
        ["KlasCement:AuthorizationEndpoint"] = $"{baseUrl}/oauth/authorize",
        ["KlasCement:TokenEndpoint"] = $"{baseUrl}/oauth/token",
        ["KlasCement:RefreshTokenEndpoint"] = $"{baseUrl}/oauth/refreshtoken",
        ["KlasCement:UserInformationEndpoint"] = $"{baseUrl}/api/users",
    };
}
