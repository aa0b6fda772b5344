using WebPortal.Providers.MyOrganizer;
using WebPortal.Sandbox.Gateway;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.MyOrganizer;

/// <summary>
/// MyOrganizer for the contract tests: its B2C tenant, whose one token endpoint answers codes and refresh tokens alike,
/// and its API gateway.
/// </summary>
internal sealed class MyOrganizerUnderTest(MyOrganizerHarness harness) : ProviderUnderTest
{
    public override PortalFactory Portal => harness.Portal;

    public override string Name => MyOrganizerHarness.Provider;

    public override string CallbackPath => MyOrganizerAuthenticationDefaults.CallbackPath;

    public override string LandingPath => "/agenda";

    public override string PersonId => Customers.LotteMaes;

    public override string PersonName => Customers.LotteMaesName;

    public override string OtherPersonId => Customers.PieterClaes;

    public override string ClientSecret => harness.B2C.Options.ClientSecret;

    public override IReadOnlyList<string> Secrets => harness.Secrets;

    public override int CodeExchanges => harness.B2C.TokenRequests.Count(request => request.GrantType == "authorization_code");

    public override int RefreshRequests => harness.B2C.RefreshRequests;

    public override int HeldAnswers => harness.B2C.SlowAnswers.Held;

    public override int ApiCalls => harness.Gateway.AppointmentsRequests.Count;

    /// <summary>The gateway records the calls it accepted only: the pages of this week's agenda, once.</summary>
    public override int ApiCallsOfARetriedView
    {
        get
        {
            var monday = AgendaWeek.MondayOf(AgendaWeek.TodayAt(Portal.Clock.GetUtcNow()));
            var appointments = SandboxAgenda.For(PersonId, "", monday, monday.AddDays(6)).Count;
            var perPage = harness.Gateway.Options.ItemsPerPage;
            return (appointments + perPage - 1) / perPage;
        }
    }

    /// <summary>B2C rotates refresh tokens: each refresh answer brings a new one, and the old one is spent.</summary>
    public override bool RotatesRefreshTokens => true;

    public override IReadOnlyList<string> LoggedCodesOfTheEchoes => ["AADB2C90080", "AADB2C90006"];

    public override string ErrorDescriptionPrefix => "AADB2C90006: ";

    public override string RedirectTo
    {
        set => (harness.B2C.RedirectTo, harness.Gateway.RedirectTo) = (value, value);
    }

    public static async Task<ProviderUnderTest> StartAsync(IReadOnlyDictionary<string, string?>? settings, TimeSpan? accessTokenLifetime) =>
        new MyOrganizerUnderTest(await MyOrganizerHarness.StartAsync(settings, b2c: options => options.AccessTokenLifetime = accessTokenLifetime ?? options.AccessTokenLifetime));

    public override PortalSession NewSession() => harness.NewSession();

    public override Task<Uri> AnswerSignInAsync(PortalSession browser, Uri authorize, string personId) => browser.AnswerMyOrganizerAsync(authorize, personId);

    /// <summary>B2C has one token endpoint: the code exchange and the refresh answer alike.</summary>
    public override void CodeExchangeAnswers(Upstream behaviour) => TokenEndpointAnswers(behaviour);

    /// <summary>B2C has one token endpoint: the code exchange and the refresh answer alike.</summary>
    public override void RefreshAnswers(Upstream behaviour) => TokenEndpointAnswers(behaviour);

    public override void ApiAnswers(Upstream behaviour) => harness.Gateway.AppointmentsBehaviour = behaviour switch
    {
        Upstream.Normal => AppointmentsBehaviour.Normal,
        Upstream.ServerError => AppointmentsBehaviour.ServerError,
        Upstream.Slow => AppointmentsBehaviour.Slow,
        Upstream.Redirect => AppointmentsBehaviour.Redirect,
        _ => throw new ArgumentOutOfRangeException(nameof(behaviour), behaviour, null),
    };

    public override void RevokeRefreshTokens() => harness.B2C.RevokeRefreshTokens();

    public override async Task RefuseStoredAccessTokenAsync() => harness.Gateway.RevokeBearerToken((await StoredConnectionAsync()).AccessToken!);

    public override void SendCallbackError((string Error, string Description)? callbackError) => harness.B2C.CallbackError = callbackError;

    public override void ReleaseHeldAnswers() => harness.B2C.SlowAnswers.Release();

    public override ValueTask DisposeAsync() => harness.DisposeAsync();

    private void TokenEndpointAnswers(Upstream behaviour)
    {
        if (behaviour == Upstream.Hangs)
        {
            harness.B2C.SlowAnswerDelay = Hang;
        }

        harness.B2C.TokenEndpoint = behaviour switch
        {
            Upstream.Normal => B2CEndpointBehaviour.Normal,
            Upstream.ServerError => B2CEndpointBehaviour.ServerError,
            Upstream.Slow or Upstream.Hangs => B2CEndpointBehaviour.Slow,
            Upstream.Redirect => B2CEndpointBehaviour.Redirect,
            Upstream.EchoingError => B2CEndpointBehaviour.EchoingError,
            Upstream.EchoingErrorCode => B2CEndpointBehaviour.EchoingErrorCode,
            _ => throw new ArgumentOutOfRangeException(nameof(behaviour), behaviour, null),
        };
    }
}
