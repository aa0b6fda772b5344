using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;
using WebPortal.Integrations;

namespace WebPortal.Providers.KlasCement;

/// <summary>
/// Signs a person in with KlasCement. Only what KlasCement does differently from the framework's OAuth handler is
/// overridden: client authentication at the token endpoint and the member lookup by <c>user_id</c>.
/// </summary>
public sealed class KlasCementAuthenticationHandler(
    IOptionsMonitor<KlasCementAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : OAuthHandler<KlasCementAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>
    /// Exchanges the code with HTTP Basic client authentication. The note calls <c>redirect_uri</c> "not used, but
    /// mandatory", so it is always sent; the client id and secret are not repeated in the body.
    /// </summary>
    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context) =>
        (await TokenEndpoint.RequestAsync(
            Scheme.Name,
            () => Backchannel.RequestAuthorizationCodeTokenAsync(
                new AuthorizationCodeTokenRequest { Address = Options.TokenEndpoint, Code = context.Code, RedirectUri = context.RedirectUri }
                    .WithBasicAuthentication(Options.ClientId, Options.ClientSecret),
                Context.RequestAborted),
            Context.RequestAborted)).ToOAuthTokenResponse();

    protected override async Task<AuthenticationTicket> CreateTicketAsync(
        ClaimsIdentity identity,
        AuthenticationProperties properties,
        OAuthTokenResponse tokens)
    {
        // KlasCement names the member in the token answer, not in the profile: the profile URL needs it.
        if (tokens.Response?.RootElement.TryGetProperty(KlasCementAuthenticationConstants.UserId, out var userIdElement) != true
            || userIdElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)
            || userIdElement.ToString() is not { Length: > 0 } userId)
        {
            throw new KlasCementProtocolException("KlasCement's token answer has no user_id.");
        }

        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            KlasCementMemberDocument.BuildUserUri(Options.UserInformationEndpoint, userId, tokens.AccessToken!));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var member = await ReadMemberAsync(request);
        if (!KlasCementMemberDocument.TryGetMember(member.RootElement, out var memberElement))
        {
            throw new KlasCementProtocolException("KlasCement's member answer has no content.objects[0].");
        }

        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, userId, ClaimValueTypes.String, ClaimsIssuer));

        var context = new OAuthCreatingTicketContext(new ClaimsPrincipal(identity), properties, Context, Scheme, Options, Backchannel, tokens, memberElement.Value);
        context.RunClaimActions();
        await Events.CreatingTicket(context);
        return new AuthenticationTicket(context.Principal!, context.Properties, Scheme.Name);
    }

    private async Task<JsonDocument> ReadMemberAsync(HttpRequestMessage request)
    {
        try
        {
            using var response = await Backchannel.SendAsync(request, HttpCompletionOption.ResponseContentRead, Context.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                throw new KlasCementProtocolException($"KlasCement's member endpoint answered {(int)response.StatusCode}.");
            }

            return await KlasCementMemberDocument.ParseAsync(response.Content, Context.RequestAborted);
        }
        catch (Exception exception) when (UpstreamFailures.Classify(exception, Context.RequestAborted) is { } failure)
        {
            throw new KlasCementProtocolException($"KlasCement's member endpoint could not be used: {failure}.", exception);
        }
    }
}
