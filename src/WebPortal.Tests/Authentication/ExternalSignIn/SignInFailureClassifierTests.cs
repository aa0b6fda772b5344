using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Providers.KlasCement;
using WebPortal.Providers.MyOrganizer;
using WebPortal.Tokens;

namespace WebPortal.Tests.Authentication.ExternalSignIn;

/// <summary>One reading of a failed sign-in for every provider, from the error's type and the stage the callback reached.</summary>
public sealed class SignInFailureClassifierTests
{
    public static TheoryData<string, SignInStage, SignInFailureReason> Failures => new()
    {
        { "callback access_denied", SignInStage.Callback, SignInFailureReason.Denied },
        { "callback invalid_scope", SignInStage.Callback, SignInFailureReason.ProviderError },
        { "oidc error invalid_grant", SignInStage.RedeemingCode, SignInFailureReason.TokenEndpoint },
        { "oidc error invalid_grant", SignInStage.Callback, SignInFailureReason.ProviderError },
        { "oidc protocol", SignInStage.TokensReceived, SignInFailureReason.InvalidToken },
        { "security token", SignInStage.TokensReceived, SignInFailureReason.InvalidToken },
        { "token endpoint with an error code", SignInStage.Callback, SignInFailureReason.TokenEndpoint },
        { "token endpoint redirected", SignInStage.Callback, SignInFailureReason.ProviderRedirected },
        { "KlasCement member", SignInStage.Callback, SignInFailureReason.ProfileUnavailable },
        { "MyOrganizer no access token", SignInStage.TokensReceived, SignInFailureReason.TokenEndpoint },
        { "link conflict", SignInStage.TokensReceived, SignInFailureReason.AccountLinkConflict },
        { "correlation", SignInStage.Callback, SignInFailureReason.InvalidState },
        { "oidc neither code nor id_token", SignInStage.Callback, SignInFailureReason.MissingCode },
        { "database unreachable", SignInStage.TokensReceived, SignInFailureReason.DatabaseUnavailable },
        { "database refused the row", SignInStage.TokensReceived, SignInFailureReason.Unexpected },
        { "other", SignInStage.Callback, SignInFailureReason.Unexpected },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_is_read_from_its_type_and_the_stage_the_callback_reached(string failure, SignInStage stage, SignInFailureReason expected)
    {
        Assert.Equal(expected, SignInFailureClassifier.Classify(Failure(failure), stage));
    }

    [Fact]
    public void No_failure_at_all_is_unexpected()
    {
        Assert.Equal(SignInFailureReason.Unexpected, SignInFailureClassifier.Classify(null, SignInStage.Callback));
    }

    private static Exception Failure(string name) => name switch
    {
        "callback access_denied" => WithError(new AuthenticationFailureException("denied"), "access_denied"),
        "callback invalid_scope" => WithError(new AuthenticationFailureException("error"), "invalid_scope"),
        "oidc error invalid_grant" => WithError(new OpenIdConnectProtocolException("error"), "invalid_grant"),
        "oidc protocol" => new OpenIdConnectProtocolException("IDX21323: nonce"),
        "security token" => new SecurityTokenInvalidSignatureException("signature"),
        "token endpoint with an error code" => WithError(new TokenEndpointException("KlasCement", HttpStatusCode.BadRequest, "invalid_grant"), "invalid_grant"),
        "token endpoint redirected" => new TokenEndpointException("KlasCement", UpstreamFailure.Redirected),
        "KlasCement member" => new KlasCementProtocolException("no member"),
        "MyOrganizer no access token" => new MyOrganizerProtocolException("no access token"),
        "link conflict" => new AccountLinkConflictException("MyOrganizer"),
        "correlation" => new AuthenticationFailureException("Correlation failed."),
        "oidc neither code nor id_token" => new OpenIdConnectProtocolException("IDX21334: Both 'id_token' and 'code' are null in OpenIdConnectProtocolValidationContext.ProtocolMessage received from Authorization Endpoint. Cannot process the message."),
        // As EF Core wraps what Npgsql throws while PostgreSQL is down; a refused row is no outage.
        "database unreachable" => new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused))),
        "database refused the row" => new DbUpdateException("An error occurred while saving the entity changes.", new NpgsqlException("23505: duplicate key value violates unique constraint")),
        _ => new InvalidOperationException("something else"),
    };

    private static Exception WithError(Exception exception, string error)
    {
        exception.Data["error"] = error;
        return exception;
    }
}
