using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace WebPortal.Sandbox.MyOrganizer;

/// <summary>
/// A local Azure AD B2C tenant built on OpenIddict's authorization server, shaped like B2C where a relying party can
/// tell the difference: metadata, authorize and token endpoints under each user flow's path
/// (<c>/{domain}/{policy}/…</c>), one issuer for the whole tenant (<c>{instance}/{tenant id}/v2.0/</c>), RS256 tokens
/// carrying <c>tid</c>, <c>tfp</c> and <c>emails</c>, codes with PKCE, rotating refresh tokens, the client secret in
/// the token request's body, the two B2C error codes on the callback, and no pushed-authorization endpoint.
/// </summary>
public static class B2CSandboxServer
{
    /// <summary>The grant a code or refresh token stands for; kept out of every token a client can read.</summary>
    private const string GrantClaim = "sandbox_grant";

    public static IServiceCollection AddB2CSandbox(this IServiceCollection services, string instance, Action<B2CSandboxOptions> configure)
    {
        services.Configure(configure);
        services.AddSingleton<B2CSandbox>();

        // The stand-in's tenant and keys are known once its options are: OpenIddict is configured from them lazily.
        services.AddOpenIddict()
            .AddServer(server =>
            {
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                server.RequireProofKeyForCodeExchange();

                // Scopes are checked by the sign-in page, once the redirect URI is validated, so that a refused scope
                // goes back to the app as B2C sends it.
                server.DisableScopeValidation();

                // No database: the stand-in validates clients itself and keeps one-time grants in memory.
                server.EnableDegradedMode();
                server.DisableAccessTokenEncryption();
                server.AddEphemeralEncryptionKey();

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .DisableTransportSecurityRequirement();

                server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(ValidateClientAndRedirectUri));
                server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(ValidateClientSecret));
                server.AddEventHandler<HandleTokenRequestContext>(handler => handler
                    .UseInlineHandler(RedeemGrantOnce)
                    .SetOrder(OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor.Order + 1));
                server.AddEventHandler<GenerateTokenContext>(handler => handler
                    .UseInlineHandler(SignWithCurrentKeyOrSpoil)
                    .SetOrder(OpenIddictServerHandlers.Protection.GenerateIdentityModelToken.Descriptor.Order + 1));
                server.AddEventHandler<ApplyAuthorizationResponseContext>(handler => handler
                    .UseInlineHandler(context => RecordIssued(context, context.Response))
                    .SetOrder(int.MinValue + 100_000));
                server.AddEventHandler<ApplyTokenResponseContext>(handler => handler
                    .UseInlineHandler(context => RecordIssued(context, context.Response))
                    .SetOrder(int.MinValue + 100_000));
                server.AddEventHandler<HandleConfigurationRequestContext>(handler => handler
                    .UseInlineHandler(DescribePolicy)
                    .SetOrder(int.MaxValue - 100_000));
                server.AddEventHandler<ApplyConfigurationResponseContext>(handler => handler
                    .UseInlineHandler(NameForeignIssuer)
                    .SetOrder(int.MinValue + 100_000));
                server.AddEventHandler<HandleJsonWebKeySetRequestContext>(handler => handler
                    .UseInlineHandler(PublishRotatedKeys)
                    .SetOrder(int.MaxValue - 100_000));
            });

        services.AddOptions<OpenIddictServerOptions>().Configure<B2CSandbox>((server, sandbox) =>
        {
            var options = sandbox.Options;
            server.Issuer = new Uri($"{instance.TrimEnd('/')}/{options.TenantId}/v2.0/");
            foreach (var policy in options.Policies)
            {
                var prefix = $"{options.Domain}/{policy.ToLowerInvariant()}";
                server.AuthorizationEndpointUris.Add(new Uri($"{prefix}/oauth2/v2.0/authorize", UriKind.Relative));
                server.TokenEndpointUris.Add(new Uri($"{prefix}/oauth2/v2.0/token", UriKind.Relative));
                server.ConfigurationEndpointUris.Add(new Uri($"{prefix}/v2.0/.well-known/openid-configuration", UriKind.Relative));
                server.JsonWebKeySetEndpointUris.Add(new Uri($"{prefix}/discovery/v2.0/keys", UriKind.Relative));
            }

            server.SigningCredentials.Add(new SigningCredentials(sandbox.InitialKey, SecurityAlgorithms.RsaSha256));
            server.AccessTokenLifetime = options.AccessTokenLifetime;
            server.IdentityTokenLifetime = options.IdTokenLifetime;
            server.RefreshTokenLifetime = options.RefreshTokenLifetime;
        });
        return services;
    }

    /// <summary>
    /// The token endpoint's faults and request log sit in front of OpenIddict; the sign-in pages answer the
    /// authorize endpoint of each user flow.
    /// </summary>
    public static WebApplication UseB2CSandbox(this WebApplication app)
    {
        var sandbox = app.Services.GetRequiredService<B2CSandbox>();
        var domain = sandbox.Options.Domain;
        app.Use(async (context, next) =>
        {
            if (PolicyOf(context.Request.Path, domain, "/oauth2/v2.0/token") is { } policy)
            {
                if (await RecordTokenRequestAsync(context, sandbox, policy) is { } fault)
                {
                    await fault.ExecuteAsync(context);
                    return;
                }
            }
            else if (sandbox.MetadataEndpoint == B2CEndpointBehaviour.Redirect
                && PolicyOf(context.Request.Path, domain, "/v2.0/.well-known/openid-configuration") is not null)
            {
                context.Response.Redirect(sandbox.RedirectTo);
                return;
            }
            else if (PolicyOf(context.Request.Path, domain, "/discovery/v2.0/keys") is not null)
            {
                sandbox.CountKeySetRequest();
            }

            await next(context);
        });
        app.UseAuthentication();
        app.MapMethods($"/{domain}/{{policy}}/oauth2/v2.0/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(string policy, HttpContext context, B2CSandbox sandbox)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var options = sandbox.Options;
        var flow = options.Policies.FirstOrDefault(p => string.Equals(p, policy, StringComparison.OrdinalIgnoreCase)) ?? policy;
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        if (request.GetScopes().Except([Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, .. options.ApiScopeUris]).FirstOrDefault() is { } refused)
        {
            return B2CError(Errors.InvalidScope, $"AADB2C90055: The scope '{refused}' provided in the request is not granted to this application.");
        }

        switch (form?["sandbox_action"].ToString())
        {
            case "forgot":
                return B2CError(Errors.AccessDenied, "AADB2C90118: The user has forgotten their password.");
            case "cancel":
                return B2CError(Errors.AccessDenied, "AADB2C90091: The user has cancelled entering self-asserted information.");
            case "signin" when sandbox.CallbackError is var (error, description):
                return B2CError(error, description);
            case "signin" when sandbox.FindCustomer(form["customer"].ToString()) is { } customer:
                return Results.SignIn(CreatePrincipal(sandbox, request, customer, flow), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            default:
                return B2CSandboxPages.SignIn(options, flow, request.GetParameters().Select(p => (p.Key, p.Value.ToString())));
        }
    }

    private static ClaimsPrincipal CreatePrincipal(B2CSandbox sandbox, OpenIddictRequest request, B2CSandboxCustomer customer, string policy)
    {
        var options = sandbox.Options;
        var grantedApiScopes = options.ApiScopes.Where(scope => request.HasScope($"{options.ApiAppIdUri}/{scope}")).ToList();

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, customer.ObjectId)
            .SetClaim("oid", customer.ObjectId)
            .SetClaim(Claims.Name, customer.DisplayName)
            .SetClaim("tid", options.TenantId)
            .SetClaim("tfp", policy)
            .SetClaim("ver", "1.0")
            .SetClaim(GrantClaim, sandbox.IssueGrant());
        identity.AddClaim(new Claim("emails", customer.Email));
        if (grantedApiScopes.Count > 0)
        {
            identity.SetClaim("scp", string.Join(' ', grantedApiScopes));
        }

        identity.SetDestinations(claim => claim.Type switch
        {
            GrantClaim => [],
            "scp" => [Destinations.AccessToken],
            _ => [Destinations.AccessToken, Destinations.IdentityToken],
        });

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes().Intersect([Scopes.OpenId, Scopes.OfflineAccess, .. options.ApiScopeUris]));
        if (grantedApiScopes.Count > 0)
        {
            principal.SetResources(options.ApiClientId);
        }

        return principal;
    }

    private static IResult B2CError(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static ValueTask ValidateClientAndRedirectUri(ValidateAuthorizationRequestContext context)
    {
        var options = Sandbox(context).Options;
        if (!string.Equals(context.ClientId, options.ClientId, StringComparison.Ordinal))
        {
            context.Reject(Errors.InvalidClient, "AADB2C90057: The provided application is not configured to allow this request.");
        }
        else if (!options.RedirectUris.Contains(context.RedirectUri ?? "", StringComparer.Ordinal))
        {
            context.Reject(Errors.InvalidRequest, "AADB2C90006: The redirect URI provided in the request is not registered for the client id.");
        }

        return ValueTask.CompletedTask;
    }

    private static ValueTask ValidateClientSecret(ValidateTokenRequestContext context)
    {
        var options = Sandbox(context).Options;
        if (!string.Equals(context.Request.ClientId, options.ClientId, StringComparison.Ordinal)
            || context.Request.ClientSecret is not { } secret
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(options.ClientSecret)))
        {
            context.Reject(Errors.InvalidClient, "AADB2C90081: The specified client_secret does not match the expected value for this client.");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Codes and refresh tokens are redeemed once, at the token endpoint of the user flow that issued them; each
    /// refresh answer carries a new refresh token (rotation), and the old one is spent.
    /// </summary>
    private static ValueTask RedeemGrantOnce(HandleTokenRequestContext context)
    {
        var sandbox = Sandbox(context);
        if (context.Principal is not { } principal)
        {
            return ValueTask.CompletedTask;
        }

        var policy = PolicyOf(context.Transaction.GetHttpRequest()!.Path, sandbox.Options.Domain, "/oauth2/v2.0/token");
        if (!string.Equals(policy, principal.GetClaim("tfp"), StringComparison.OrdinalIgnoreCase))
        {
            context.Reject(Errors.InvalidGrant, "AADB2C90088: The provided grant has not been issued for this endpoint.");
        }
        else if (!sandbox.RedeemGrant(principal.GetClaim(GrantClaim), out var family))
        {
            context.Reject(Errors.InvalidGrant, "AADB2C90080: The provided grant has expired or was already used. Please re-authenticate and try again.");
        }
        else
        {
            principal.SetClaim(GrantClaim, sandbox.IssueGrant(family));
        }

        return ValueTask.CompletedTask;
    }

    private static ValueTask SignWithCurrentKeyOrSpoil(GenerateTokenContext context)
    {
        var sandbox = Sandbox(context);
        if (context.Token is not { } token)
        {
            return ValueTask.CompletedTask;
        }

        var answerFault = context.Transaction.Request switch
        {
            { } request when request.IsRefreshTokenGrantType() => sandbox.RefreshAnswerFault,
            { } request when request.IsAuthorizationCodeGrantType() => sandbox.CodeAnswerFault,
            _ => TokenAnswerFault.None,
        };
        if (context.TokenType is TokenTypeIdentifiers.IdentityToken or TokenTypeIdentifiers.AccessToken && answerFault != TokenAnswerFault.None)
        {
            context.Token = SandboxTokenWriter.SpoilAnswer(
                SandboxTokenWriter.Resign(token, sandbox.SigningKey),
                context.TokenType == TokenTypeIdentifiers.IdentityToken,
                answerFault,
                sandbox);
        }
        else if (context.TokenType == TokenTypeIdentifiers.IdentityToken && sandbox.IdTokenFault != IdTokenFault.None)
        {
            context.Token = SandboxTokenWriter.Spoil(token, sandbox.IdTokenFault, sandbox.SigningKey);
        }
        else if (context.TokenType is TokenTypeIdentifiers.IdentityToken or TokenTypeIdentifiers.AccessToken
            && sandbox.SigningKey != sandbox.InitialKey)
        {
            context.Token = SandboxTokenWriter.Resign(token, sandbox.SigningKey);
        }

        return ValueTask.CompletedTask;
    }

    private static ValueTask RecordIssued(BaseContext context, OpenIddictResponse response)
    {
        var sandbox = Sandbox(context);
        sandbox.RecordIssued(response.Code);
        sandbox.RecordIssued(response.AccessToken);
        sandbox.RecordIssued(response.IdToken);
        sandbox.RecordIssued(response.RefreshToken);
        return ValueTask.CompletedTask;
    }

    /// <summary>Each user flow's metadata names that flow's endpoints, in lower case, as B2C's does.</summary>
    private static ValueTask DescribePolicy(HandleConfigurationRequestContext context)
    {
        var options = Sandbox(context).Options;
        var policy = PolicyOf(context.Transaction.GetHttpRequest()!.Path, options.Domain, "/v2.0/.well-known/openid-configuration")!.ToLowerInvariant();
        var policyRoot = new Uri(context.BaseUri!, $"{options.Domain}/{policy}/");
        context.AuthorizationEndpoint = new Uri(policyRoot, "oauth2/v2.0/authorize");
        context.TokenEndpoint = new Uri(policyRoot, "oauth2/v2.0/token");
        context.JsonWebKeySetEndpoint = new Uri(policyRoot, "discovery/v2.0/keys");
        context.PushedAuthorizationEndpoint = null;
        context.RequirePushedAuthorizationRequests = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>Names a foreign issuer in the metadata as <see cref="B2CSandbox.MetadataFault"/> says; the tokens keep the tenant's.</summary>
    private static ValueTask NameForeignIssuer(ApplyConfigurationResponseContext context)
    {
        var sandbox = Sandbox(context);
        var instance = context.Transaction.GetHttpRequest()!;
        var issuer = sandbox.MetadataFault switch
        {
            MetadataFault.IssuerOnAnotherOrigin => $"https://login.example.invalid/{sandbox.Options.TenantId}/v2.0/",
            MetadataFault.IssuerOfAnotherTenant => $"{instance.Scheme}://{instance.Host}/{SandboxTokenWriter.AnotherTenantId}/v2.0/",
            _ => null,
        };
        if (issuer is not null && context.Response.Error is null)
        {
            context.Response[Metadata.Issuer] = issuer;
        }

        return ValueTask.CompletedTask;
    }

    private static ValueTask PublishRotatedKeys(HandleJsonWebKeySetRequestContext context)
    {
        var sandbox = Sandbox(context);
        foreach (var key in sandbox.PublishedKeys.Where(k => k != sandbox.InitialKey))
        {
            var published = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(includePrivateParameters: false)) { KeyId = key.KeyId });
            published.Use = JsonWebKeyUseNames.Sig;
            published.Alg = SecurityAlgorithms.RsaSha256;
            context.Keys.Add(published);
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<IResult?> RecordTokenRequestAsync(HttpContext context, B2CSandbox sandbox, string policy)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        sandbox.Record(new B2CTokenRequest(
            policy,
            form?["grant_type"].ToString() ?? "",
            HasClientSecret: !string.IsNullOrEmpty(form?["client_secret"]),
            HasCodeVerifier: !string.IsNullOrEmpty(form?["code_verifier"]),
            form?["scope"].ToString()));
        sandbox.RecordIssued(form?["code_verifier"].ToString());

        switch (sandbox.TokenEndpoint)
        {
            case B2CEndpointBehaviour.Redirect:
                return Results.Redirect(sandbox.RedirectTo, permanent: false, preserveMethod: true);
            case B2CEndpointBehaviour.EchoingError:
                return Results.Json(new { error = Errors.InvalidGrant, error_description = $"AADB2C90080: cannot use {Echo(form)}" }, statusCode: StatusCodes.Status400BadRequest);
            case B2CEndpointBehaviour.EchoingErrorCode:
                return Results.Json(new { error = $"invalid_grant {Echo(form)}", error_description = "AADB2C90080: the error itself is an echo" }, statusCode: StatusCodes.Status400BadRequest);
            case B2CEndpointBehaviour.ServerError:
                return Results.Content("<html><body>Service unavailable</body></html>", "text/html", statusCode: StatusCodes.Status503ServiceUnavailable);
            case B2CEndpointBehaviour.Slow:
                await sandbox.SlowAnswers.DelayAsync(sandbox.SlowAnswerDelay, context.RequestAborted);
                return null;
            default:
                return null;
        }
    }

    /// <summary>Every field of a token request, the way a careless server quotes it back.</summary>
    private static string Echo(IFormCollection? form) =>
        string.Join(' ', (form ?? FormCollection.Empty).Select(field => $"{field.Key}={field.Value}"));

    /// <summary>The user flow named in <c>/{domain}/{policy}{suffix}</c>, or null for any other path.</summary>
    private static string? PolicyOf(PathString path, string domain, string suffix)
    {
        var value = path.Value ?? "";
        var prefix = $"/{domain}/";
        if (!value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || !value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var policy = value[prefix.Length..^suffix.Length];
        return policy.Length > 0 && !policy.Contains('/', StringComparison.Ordinal) ? policy : null;
    }

    private static B2CSandbox Sandbox(BaseContext context) =>
        context.Transaction.GetHttpRequest()!.HttpContext.RequestServices.GetRequiredService<B2CSandbox>();
}
