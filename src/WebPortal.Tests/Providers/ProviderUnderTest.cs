using Microsoft.AspNetCore.WebUtilities;
using WebPortal.Tests.Infrastructure;
using WebPortal.Tokens;

namespace WebPortal.Tests.Providers;

/// <summary>How one of the provider's endpoints answers, in words every stand-in understands.</summary>
public enum Upstream
{
    Normal,
    ServerError,

    /// <summary>Answers after the stand-in's usual delay, longer than the portal waits.</summary>
    Slow,

    /// <summary>Holds the answer for minutes: only the portal giving up, or <see cref="ProviderUnderTest.ReleaseHeldAnswers"/>, ends it.</summary>
    Hangs,

    /// <summary>Sends the portal to <see cref="ProviderUnderTest.RedirectTo"/> instead of answering.</summary>
    Redirect,

    /// <summary>An error whose description quotes everything the request carried.</summary>
    EchoingError,

    /// <summary>An error whose code itself quotes everything the request carried.</summary>
    EchoingErrorCode,
}

/// <summary>
/// One provider as <see cref="ProviderContractTests"/> meets it: the portal and this provider's stand-ins, the person
/// who signs in, the page that shows the connection, and the few knobs of the stand-ins the shared facts turn.
/// </summary>
public abstract class ProviderUnderTest : IAsyncDisposable
{
    /// <summary>Longer than any test: an answer held this long only ends when the portal gives up or the test releases it.</summary>
    protected static readonly TimeSpan Hang = TimeSpan.FromMinutes(5);

    public abstract PortalFactory Portal { get; }

    /// <summary>The scheme (<c>/account/signin/{Name}</c>), which is also the name the pages show.</summary>
    public abstract string Name { get; }

    /// <summary>The portal's callback path, e.g. <c>/signin-klascement</c>.</summary>
    public abstract string CallbackPath { get; }

    /// <summary>The provider's page, where a sign-in lands and which calls the provider's API with the person's token.</summary>
    public abstract string LandingPath { get; }

    /// <summary>The person the facts sign in as, and a second one.</summary>
    public abstract string PersonId { get; }

    public abstract string PersonName { get; }

    public abstract string OtherPersonId { get; }

    /// <summary>The client secret the portal holds for this provider.</summary>
    public abstract string ClientSecret { get; }

    /// <summary>Every secret the portal must never write out: what the stand-ins issued so far, and the client secrets.</summary>
    public abstract IReadOnlyList<string> Secrets { get; }

    /// <summary>Codes redeemed at the token endpoint so far.</summary>
    public abstract int CodeExchanges { get; }

    public abstract int RefreshRequests { get; }

    /// <summary>Answers of the token endpoint held by <see cref="Upstream.Hangs"/> right now.</summary>
    public abstract int HeldAnswers { get; }

    /// <summary>Calls of the provider's API the stand-in recorded so far.</summary>
    public abstract int ApiCalls { get; }

    /// <summary>What one view of the landing page adds to <see cref="ApiCalls"/> when its first call is refused with a 401 and retried.</summary>
    public abstract int ApiCallsOfARetriedView { get; }

    /// <summary>Whether a refresh answer brings a new refresh token that replaces the stored one.</summary>
    public abstract bool RotatesRefreshTokens { get; }

    /// <summary>The error codes the portal logs of the echoing errors of <c>Logs_and_pages_never_contain_what_an_echoing_provider_sends_back</c>.</summary>
    public abstract IReadOnlyList<string> LoggedCodesOfTheEchoes { get; }

    /// <summary>What the provider puts before the text of an error description, e.g. B2C's <c>AADB2C90006: </c>.</summary>
    public virtual string ErrorDescriptionPrefix => "";

    /// <summary>Where a redirecting endpoint sends the portal.</summary>
    public abstract string RedirectTo { set; }

    public abstract PortalSession NewSession();

    /// <summary>Answers the provider's sign-in page for <paramref name="authorize"/> as the person; returns the portal's callback.</summary>
    public abstract Task<Uri> AnswerSignInAsync(PortalSession browser, Uri authorize, string personId);

    /// <summary>How the token endpoint answers a code.</summary>
    public abstract void CodeExchangeAnswers(Upstream behaviour);

    /// <summary>How the token endpoint answers a refresh token.</summary>
    public abstract void RefreshAnswers(Upstream behaviour);

    /// <summary>How the provider's API answers the landing page's calls.</summary>
    public abstract void ApiAnswers(Upstream behaviour);

    /// <summary>The provider forgets every refresh token it issued: a refresh is answered <c>invalid_grant</c>.</summary>
    public abstract void RevokeRefreshTokens();

    /// <summary>The provider's API answers 401 to the stored access token from now on, as to one revoked early.</summary>
    public abstract Task RefuseStoredAccessTokenAsync();

    /// <summary>The provider sends the next browsers back to the callback with this error instead of a code.</summary>
    public abstract void SendCallbackError((string Error, string Description)? callbackError);

    public abstract void ReleaseHeldAnswers();

    public Task<Uri> StartSignInAsync(PortalSession browser) => browser.StartSignInAsync(provider: Name);

    /// <summary>
    /// Declines at the provider the sign-in <paramref name="authorize"/> started; returns the portal's callback, which
    /// carries <c>error=access_denied</c>. Made here from the sign-in's state, where the stand-in has no "decline" of its own.
    /// </summary>
    public virtual Task<Uri> DeclineAsync(PortalSession browser, Uri authorize)
    {
        var state = QueryHelpers.ParseQuery(authorize.Query)["state"].ToString();
        return Task.FromResult(new Uri(browser.Origin, $"{CallbackPath}?error=access_denied&state={Uri.EscapeDataString(state)}"));
    }

    /// <summary>Signs in with this provider as the person and returns the page the portal lands on.</summary>
    public async Task<PortalPage> SignInAsync(PortalSession browser, string? personId = null)
    {
        var callback = await AnswerSignInAsync(browser, await StartSignInAsync(browser), personId ?? PersonId);
        return await browser.GetAsync(callback.PathAndQuery);
    }

    /// <summary>The tokens stored for the person, decrypted the way the portal does.</summary>
    public Task<StoredConnection> StoredConnectionAsync(string? personId = null) => Portal.StoredConnectionAsync(Name, personId ?? PersonId);

    public Task ExpireStoredAccessTokensAsync() => Portal.ExpireStoredAccessTokensAsync();

    public abstract ValueTask DisposeAsync();
}
