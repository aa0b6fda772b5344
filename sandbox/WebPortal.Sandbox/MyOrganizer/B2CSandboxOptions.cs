namespace WebPortal.Sandbox.MyOrganizer;

/// <summary>
/// The B2C tenant the stand-in plays: its names, its one registered web app, the MyOrganizer API's scopes and the
/// customers who can sign in. Defaults follow MyOrganizer's integration note (tenant, host, user flow).
/// </summary>
public sealed class B2CSandboxOptions
{
    public string Domain { get; set; } = "ringphonesso.onmicrosoft.com";

    /// <summary>B2C names its issuer after the tenant's id, not its domain or the policy.</summary>
    public string TenantId { get; set; } = "5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18";

    public string SignUpSignInPolicy { get; set; } = "B2C_1_MyOrganizer_Login";

    public string ResetPasswordPolicy { get; set; } = "B2C_1_MyOrganizer_PasswordReset";

    public string EditProfilePolicy { get; set; } = "B2C_1_MyOrganizer_ProfileEdit";

    public string ClientId { get; set; } = "7f4a9c1e-3b2d-4e8f-a6c5-1d0e9b8a7c63";

    public string ClientSecret { get; set; } = "";

    /// <summary>The redirect URIs registered for the web app; any other is refused, as B2C does.</summary>
    public List<string> RedirectUris { get; } = [];

    /// <summary>The MyOrganizer API's application id URI: requested scopes are <c>{ApiAppIdUri}/{scope}</c>.</summary>
    public string ApiAppIdUri { get; set; } = "https://ringphonesso.onmicrosoft.com/myorganizer-api";

    /// <summary>The MyOrganizer API's client id: the <c>aud</c> of the access tokens B2C issues for it.</summary>
    public string ApiClientId { get; set; } = "2b9e6d4f-8a17-4c3b-b5e2-6f0a1c9d8e74";

    /// <summary>The API scopes this app may be granted (short names, as in the access token's <c>scp</c>).</summary>
    public List<string> ApiScopes { get; } = ["appointments.read"];

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan IdTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public List<B2CSandboxCustomer> Customers { get; } = [.. B2CSandboxCustomer.Defaults];

    public IEnumerable<string> Policies => [SignUpSignInPolicy, ResetPasswordPolicy, EditProfilePolicy];

    /// <summary>The full scope names a client requests, e.g. <c>https://…/myorganizer-api/appointments.read</c>.</summary>
    public IEnumerable<string> ApiScopeUris => ApiScopes.Select(scope => $"{ApiAppIdUri}/{scope}");
}

/// <summary>A MyOrganizer customer of the sandbox: the B2C object id is their <c>sub</c>.</summary>
public sealed record B2CSandboxCustomer(string ObjectId, string DisplayName, string Email, string Practice)
{
    public const string LotteMaesId = "a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f601";

    public const string PieterClaesId = "b7e2d3c4-6a5f-4e81-9b02-c3d4e5f6a702";

    /// <summary>A customer whose agenda is empty: the portal's empty state.</summary>
    public const string SofieWoutersId = "c9d8e7f6-1a2b-4c3d-8e4f-5a6b7c8d9e03";

    public static IReadOnlyList<B2CSandboxCustomer> Defaults { get; } =
    [
        new(LotteMaesId, "Lotte Maes", "lotte.maes@example.be", "Kinesitherapie Maes, Gent"),
        new(PieterClaesId, "Pieter Claes", "pieter.claes@example.be", "Groepspraktijk Claes, Leuven"),
        new(SofieWoutersId, "Sofie Wouters", "sofie.wouters@example.be", "Logopedie Wouters, Brugge"),
    ];
}
