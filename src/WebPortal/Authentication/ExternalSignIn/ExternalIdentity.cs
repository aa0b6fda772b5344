namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>Who a provider says signed in: its id for the account and the little the portal shows of it.</summary>
public sealed record ExternalIdentity(string Provider, string ProviderUserId, string? DisplayName, string? Email);
