using WebPortal.Integrations.Http;

namespace WebPortal.Tests.Integrations.Http;

public sealed class RedactedUriTests
{
    [Theory]
    [InlineData("https://www.klascement.net/api/users/532abc50af2c8?access_token=3b647efe5b7f", "https://www.klascement.net/api/users/532abc50af2c8?access_token=*")]
    [InlineData("https://example.test/a?x=1&code=secret&state=abc", "https://example.test/a?x=*&code=*&state=*")]
    [InlineData("https://example.test/plain", "https://example.test/plain")]
    [InlineData("https://user:password@example.test/a#fragment-token", "https://example.test/a")]
    public void Every_query_value_is_replaced_and_nothing_after_the_path_is_kept(string uri, string expected) =>
        Assert.Equal(expected, RedactedUri.Of(new Uri(uri)));
}
