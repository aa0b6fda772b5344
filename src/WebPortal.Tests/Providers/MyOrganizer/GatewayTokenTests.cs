using System.Text.Json;
using WebPortal.Providers.MyOrganizer.Api;

namespace WebPortal.Tests.Providers.MyOrganizer;

public sealed class GatewayTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("3600")]
    [InlineData("\"3600\"")]
    [InlineData("1795438800")] // 2026-11-23 13:00 UTC as a Unix timestamp, as gateways before Fusio 4.0.3 send it
    public void Expires_in_is_a_lifetime_in_seconds_or_an_absolute_timestamp(string expiresIn)
    {
        using var answer = JsonDocument.Parse($$"""{ "access_token": "a", "expires_in": {{expiresIn}} }""");

        var token = GatewayToken.FromAnswer(answer.RootElement, Now)!;

        Assert.Equal(Now.AddHours(1), token.ExpiresAt);
    }

    [Theory]
    [InlineData("appointments.read,agenda.read")]
    [InlineData("appointments.read agenda.read")]
    [InlineData("appointments.read, agenda.read")]
    public void Scopes_are_read_whether_comma_or_space_separated(string scope)
    {
        using var answer = JsonDocument.Parse($$"""{ "access_token": "a", "scope": "{{scope}}" }""");

        Assert.Equal(["appointments.read", "agenda.read"], GatewayToken.FromAnswer(answer.RootElement, Now)!.Scopes);
    }

    [Fact]
    public void An_answer_without_an_access_token_is_no_token()
    {
        using var answer = JsonDocument.Parse("""{ "token": "from /consumer/login", "expires_in": 3600 }""");

        Assert.Null(GatewayToken.FromAnswer(answer.RootElement, Now));
    }
}
