using WebPortal.Providers.KlasCement;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.KlasCement;

/// <summary>KlasCement for the contract tests: its stand-in, with a token endpoint and a refresh endpoint of its own.</summary>
internal sealed class KlasCementUnderTest(PortalHarness harness) : ProviderUnderTest
{
    public override PortalFactory Portal => harness.Portal;

    public override string Name => KlasCementAuthenticationDefaults.AuthenticationScheme;

    public override string CallbackPath => KlasCementAuthenticationDefaults.CallbackPath;

    public override string LandingPath => "/profile";

    public override string PersonId => Members.AnPeeters;

    public override string PersonName => Members.AnPeetersName;

    public override string OtherPersonId => Members.JanJanssens;

    public override string ClientSecret => harness.KlasCement.ClientSecret;

    public override IReadOnlyList<string> Secrets => harness.KlasCement.Secrets;

    public override int CodeExchanges => Sandbox.TokenRequests.Count(request => request.Endpoint == TokenEndpointKind.Token);

    public override int RefreshRequests => Sandbox.RefreshRequests;

    public override int HeldAnswers => Sandbox.SlowAnswers.Held;

    public override int ApiCalls => Sandbox.ProfileRequests;

    /// <summary>The stand-in counts every call of the member endpoint: the refused one and its retry.</summary>
    public override int ApiCallsOfARetriedView => 2;

    /// <summary>KlasCement's refresh answer carries no new refresh token: the stored one is kept.</summary>
    public override bool RotatesRefreshTokens => false;

    public override IReadOnlyList<string> LoggedCodesOfTheEchoes => ["error=server_error"];

    public override string RedirectTo
    {
        set => Sandbox.RedirectTo = value;
    }

    private KlasCementSandbox Sandbox => harness.Sandbox;

    public static async Task<ProviderUnderTest> StartAsync(IReadOnlyDictionary<string, string?>? settings, TimeSpan? accessTokenLifetime) =>
        new KlasCementUnderTest(await PortalHarness.StartAsync(settings, options => options.AccessTokenLifetime = accessTokenLifetime ?? options.AccessTokenLifetime));

    public override PortalSession NewSession() => harness.NewSession();

    public override Task<Uri> AnswerSignInAsync(PortalSession browser, Uri authorize, string personId) => browser.ConsentAsync(authorize, personId);

    /// <summary>"Deny" on KlasCement's consent screen.</summary>
    public override Task<Uri> DeclineAsync(PortalSession browser, Uri authorize) => browser.ConsentAsync(authorize, PersonId, allow: false);

    public override void CodeExchangeAnswers(Upstream behaviour) => Sandbox.TokenEndpoint = Behaviour(behaviour);

    public override void RefreshAnswers(Upstream behaviour) => Sandbox.RefreshEndpoint = Behaviour(behaviour);

    public override void ApiAnswers(Upstream behaviour) => Sandbox.ProfileEndpoint = Behaviour(behaviour);

    public override void RevokeRefreshTokens() => Sandbox.RevokeRefreshTokens();

    /// <summary>The stand-in forgets every access token it issued, so that the member endpoint answers 401 to each.</summary>
    public override Task RefuseStoredAccessTokenAsync()
    {
        Sandbox.ExpireAccessTokens();
        return Task.CompletedTask;
    }

    public override void SendCallbackError((string Error, string Description)? callbackError) => Sandbox.CallbackError = callbackError;

    public override void ReleaseHeldAnswers() => Sandbox.SlowAnswers.Release();

    public override ValueTask DisposeAsync() => harness.DisposeAsync();

    private SandboxBehaviour Behaviour(Upstream behaviour)
    {
        if (behaviour == Upstream.Hangs)
        {
            Sandbox.SlowAnswerDelay = Hang;
        }

        return behaviour switch
        {
            Upstream.Normal => SandboxBehaviour.Normal,
            Upstream.ServerError => SandboxBehaviour.ServerError,
            Upstream.Slow or Upstream.Hangs => SandboxBehaviour.Slow,
            Upstream.Redirect => SandboxBehaviour.Redirect,
            Upstream.EchoingError => SandboxBehaviour.EchoingError,
            Upstream.EchoingErrorCode => SandboxBehaviour.EchoingErrorCode,
            _ => throw new ArgumentOutOfRangeException(nameof(behaviour), behaviour, null),
        };
    }
}
