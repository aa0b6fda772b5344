namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>How far a provider's callback got before it failed, as the provider's events report it.</summary>
/// <remarks>
/// The OpenID Connect handler reports an <c>error</c> sent on the callback and one sent by the token endpoint with the
/// same exception type (<c>OpenIdConnectProtocolException</c> with <c>Data["error"]</c>); only the stage tells them apart.
/// </remarks>
public enum SignInStage
{
    /// <summary>The provider's answer on the callback is being read: an <c>error</c> here is the provider's on the callback.</summary>
    Callback,

    /// <summary>The callback's state checked out and the code went to the token endpoint.</summary>
    RedeemingCode,

    /// <summary>The token endpoint answered with tokens: what fails after that is their validation.</summary>
    TokensReceived,
}

/// <summary>Where a provider's events record the <see cref="SignInStage"/> of the current callback.</summary>
public static class SignInProgress
{
    private static readonly object Key = new();

    public static void Reached(HttpContext context, SignInStage stage) => context.Items[Key] = stage;

    public static SignInStage Of(HttpContext context) => context.Items.TryGetValue(Key, out var stage) && stage is SignInStage reached ? reached : SignInStage.Callback;
}
