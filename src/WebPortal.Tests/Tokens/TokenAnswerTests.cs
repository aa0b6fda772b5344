using System.Text.Json;
using WebPortal.Tokens;

namespace WebPortal.Tests.Tokens;

public sealed class TokenAnswerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("3600")]
    [InlineData("\"3600\"")]
    [InlineData("\"3600.0\"")]
    [InlineData("3600.4")]
    [InlineData("1795438800")] // 2026-11-23 13:00 UTC as a Unix timestamp, as gateways before Fusio 4.0.3 send it
    [InlineData("\"1795438800\"")]
    public void Expires_in_is_seconds_or_a_Unix_timestamp_as_a_number_or_a_string(string expiresIn)
    {
        var answer = Read($$"""{ "access_token": "a", "expires_in": {{expiresIn}} }""")!;

        Assert.InRange(answer.ExpiresAt(Now), Now.AddHours(1), Now.AddHours(1).AddSeconds(1));
    }

    [Theory]
    [InlineData("""{ "access_token": "a" }""")]
    [InlineData("""{ "access_token": "a", "expires_in": null }""")]
    [InlineData("""{ "access_token": "a", "expires_in": "soon" }""")]
    [InlineData("""{ "access_token": "a", "expires_in": { "seconds": 60 } }""")]
    public void A_missing_or_garbled_expires_in_gives_an_hour(string json) =>
        Assert.Equal(Now + TokenAnswer.DefaultLifetime, Read(json)!.ExpiresAt(Now));

    [Theory]
    [InlineData("-60", 0)]
    [InlineData("100000000", 366)] // three years: not believed
    [InlineData("99999999999", 366)] // a timestamp in the year 5138
    public void A_lifetime_is_never_negative_nor_longer_than_a_year(string expiresIn, int days) =>
        Assert.Equal(Now.AddDays(days), Read($$"""{ "access_token": "a", "expires_in": {{expiresIn}} }""")!.ExpiresAt(Now));

    [Theory]
    [InlineData("""{ "token": "from /consumer/login" }""")]
    [InlineData("""{ "access_token": "" }""")]
    [InlineData("""{ "access_token": 42 }""")]
    [InlineData("""[ { "access_token": "a" } ]""")]
    public void An_answer_without_an_access_token_string_is_no_answer(string json) =>
        Assert.Null(Read(json));

    [Fact]
    public void What_the_portal_keeps_of_an_answer()
    {
        var tokens = Read("""{ "access_token": "a", "refresh_token": "", "expires_in": 60, "scope": "name", "user_id": 123456789 }""")!;

        Assert.Equal(new ProviderTokens("a", null, Now.AddSeconds(60), "name"), tokens.ToProviderTokens(Now));
        Assert.Equal("123456789", tokens.Text("user_id"));
    }

    [Fact]
    public void Create_reads_expires_in_as_the_answer_does() =>
        Assert.Equal(Read("""{ "access_token": "a", "expires_in": "1795438800" }""")!.ExpiresAt(Now), ProviderTokens.Create("a", null, "1795438800", null, Now).ExpiresAt);

    [Theory]
    [InlineData("appointments.read,agenda.read")]
    [InlineData("appointments.read agenda.read")]
    [InlineData("appointments.read, agenda.read")]
    public void Scopes_are_read_whether_comma_or_space_separated(string scope) =>
        Assert.Equal(["appointments.read", "agenda.read"], Read($$"""{ "access_token": "a", "scope": "{{scope}}" }""")!.Scopes);

    private static TokenAnswer? Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return TokenAnswer.Read(document.RootElement);
    }
}
