using WebPortal.Integrations.Http;

namespace WebPortal.Tests.Integrations.Http;

public sealed class ProviderErrorCodesTests
{
    [Theory]
    [InlineData("invalid_grant", "invalid_grant")]
    [InlineData("access_denied", "access_denied")]
    [InlineData("invalid_grant client_secret=abc", ProviderErrorCodes.Unreadable)]
    [InlineData("Invalid_Grant", ProviderErrorCodes.Unreadable)]
    [InlineData("invalid-grant", ProviderErrorCodes.Unreadable)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Only_an_error_that_looks_like_an_OAuth_code_is_repeated(string? error, string? expected) =>
        Assert.Equal(expected, ProviderErrorCodes.Code(error));

    [Fact]
    public void An_error_code_longer_than_64_characters_is_not_repeated() =>
        Assert.Equal(ProviderErrorCodes.Unreadable, ProviderErrorCodes.Code(new string('a', 65)));

    [Theory]
    [InlineData("AADB2C90118: The user has forgotten their password.", "AADB2C90118")]
    [InlineData("AADB2C90091: The user has cancelled entering self-asserted information.", "AADB2C90091")]
    [InlineData("AADB2C90080", "AADB2C90080")]
    [InlineData("AADB2C90080: cannot use client_secret=0123456789", "AADB2C90080")]
    [InlineData("AADB2C901181234567890123: a code followed by a long number", null)]
    [InlineData("The user has forgotten their password. AADB2C90118", null)]
    [InlineData("Sandbox: invalid_grant", null)]
    [InlineData(null, null)]
    public void Only_B2Cs_code_at_the_front_of_a_description_is_repeated(string? description, string? expected) =>
        Assert.Equal(expected, ProviderErrorCodes.B2CCode(description));
}
