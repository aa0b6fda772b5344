namespace WebPortal.Providers.MyOrganizer.Api;

/// <summary>
/// The gateway refused the portal's app key and secret (401 <c>invalid_client</c>): a configuration problem for an
/// administrator, never a person's. The message names the keys to check and never their values.
/// </summary>
public sealed class GatewayCredentialsRejectedException()
    : Exception($"The MyOrganizer API gateway refused the portal's app credentials: check {MyOrganizerApiSettings.Section}:AppKey and {MyOrganizerApiSettings.Section}:AppSecret.");

/// <summary>The gateway did not issue an app token for another reason: a timeout, a 5xx or an unreadable answer.</summary>
public sealed class GatewayUnavailableException(string reason, Exception? innerException = null)
    : Exception($"The MyOrganizer API gateway did not issue an app token: {reason}.", innerException);
