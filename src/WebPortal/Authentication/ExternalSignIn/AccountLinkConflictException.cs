namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>The external account is already linked to another portal user than the one signed in.</summary>
public sealed class AccountLinkConflictException(string provider)
    : Exception($"This {provider} account is already linked to another portal account.")
{
    public string Provider { get; } = provider;
}
