using System.Net;
using System.Net.Http.Headers;
using WebPortal.Tokens;

namespace WebPortal.Integrations.Http;

/// <summary>
/// Attaches a person's access token to a call made on their behalf, from <see cref="AccessTokenService"/>, and when the
/// API answers 401 has the token refreshed (through the same single flight as every other refresh) and makes the call
/// once more. Whose token: the request's <see cref="UserId"/> option, set by the typed client; which provider: fixed
/// when the client is registered (<see cref="UserAccessTokenExtensions.AddUserAccessTokenHandler"/>).
/// </summary>
/// <exception cref="ProviderAccessException">No connection, a connection to renew, or a refresh that failed.</exception>
public sealed class UserAccessTokenHandler(IServiceScopeFactory scopes, AccessTokenCache cache, UserAccessTokenOptions options) : DelegatingHandler
{
    /// <summary>The portal user on whose behalf the request is made; required.</summary>
    public static readonly HttpRequestOptionsKey<Guid> UserId = new("WebPortal.UserAccessToken.UserId");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(UserId, out var userId))
        {
            throw new InvalidOperationException($"A {options.Provider} API request needs the {nameof(UserAccessTokenHandler)}.{nameof(UserId)} option.");
        }

        var requestUri = RequestUri(request);

        // A token still in the cache needs no scope; otherwise the token service, with its database context, is the
        // call's own (the handler outlives any one request), whether a person's page or a background job makes it.
        AsyncServiceScope? scope = null;
        try
        {
            if (!cache.TryGet(userId, options.Provider, out var access))
            {
                scope = scopes.CreateAsyncScope();
                access = await Tokens(scope.Value).GetAccessAsync(userId, options.Provider, cancellationToken);
            }

            Attach(request, requestUri, access);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            response.Dispose();
            scope ??= scopes.CreateAsyncScope();
            var refreshed = await Tokens(scope.Value).RefreshRejectedAsync(access, cancellationToken);
            Attach(request, requestUri, refreshed);
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            if (scope is { } created)
            {
                await created.DisposeAsync();
            }
        }
    }

    private static AccessTokenService Tokens(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AccessTokenService>();

    private void Attach(HttpRequestMessage request, Uri? requestUri, ProviderAccess access)
    {
        if (options.PlaceInUri is { } place)
        {
            SetRequestUri(request, place(requestUri ?? throw new InvalidOperationException("The request has no URI."), access));
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access.AccessToken);
        }
    }

#pragma warning disable RS0030 // Read to place the token in it, never logged.
    private static Uri? RequestUri(HttpRequestMessage request) => request.RequestUri;

    private static void SetRequestUri(HttpRequestMessage request, Uri uri) => request.RequestUri = uri;
#pragma warning restore RS0030
}

/// <summary>How a client's <see cref="UserAccessTokenHandler"/> attaches the token.</summary>
public sealed class UserAccessTokenOptions
{
    /// <summary>The authentication scheme whose connection's token is attached.</summary>
    public required string Provider { get; init; }

    /// <summary>
    /// Null: the token goes in <c>Authorization: Bearer</c>. Otherwise makes the URI the request is sent to from the one
    /// it was made with, the token and its account (KlasCement wants both in the URL: its provider page).
    /// </summary>
    public Func<Uri, ProviderAccess, Uri>? PlaceInUri { get; init; }
}

public static class UserAccessTokenExtensions
{
    /// <summary>Adds a <see cref="UserAccessTokenHandler"/> for <paramref name="provider"/>; requests must carry <see cref="UserAccessTokenHandler.UserId"/>.</summary>
    /// <param name="placeInUri">See <see cref="UserAccessTokenOptions.PlaceInUri"/>.</param>
    public static IHttpClientBuilder AddUserAccessTokenHandler(this IHttpClientBuilder client, string provider, Func<Uri, ProviderAccess, Uri>? placeInUri = null)
    {
        var options = new UserAccessTokenOptions { Provider = provider, PlaceInUri = placeInUri };
        return client.AddHttpMessageHandler(services => new UserAccessTokenHandler(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<AccessTokenCache>(), options));
    }
}
