using System.Net;
using System.Text.Json;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Web;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_answers_while_the_process_serves_requests()
    {
        await using var portal = new PortalFactory(standIn: null);

        var (status, report) = await GetAsync(portal, "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(0, report.GetProperty("checks").GetArrayLength());
    }

    [Fact]
    public async Task Ready_is_healthy_when_the_gateway_grants_an_app_token_and_answers_a_call_made_with_it()
    {
        await using var gateway = await GatewayStandIn.StartAsync();
        await using var portal = new PortalFactory(standIn: null, gateway.PortalSettings);

        var (status, report) = await GetAsync(portal, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["database", "myorganizer-gateway"], Checks(report).Keys.Order());
        Assert.All(Checks(report).Values, check => Assert.Equal("Healthy", check));
        Assert.Equal(["client_credentials"], gateway.Sandbox.Grants);
    }

    [Fact]
    public async Task Ready_is_unhealthy_when_the_gateway_refuses_the_app_credentials()
    {
        await using var gateway = await GatewayStandIn.StartAsync();
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?>(gateway.PortalSettings) { ["MyOrganizerApi:AppSecret"] = "wrong-secret" });

        var (status, report) = await GetAsync(portal, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var check = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "myorganizer-gateway");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Contains("check MyOrganizerApi:AppKey and MyOrganizerApi:AppSecret", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_is_unhealthy_when_the_gateway_does_not_answer_a_call_made_with_the_app_token()
    {
        await using var gateway = await GatewayStandIn.StartAsync();
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?>(gateway.PortalSettings) { ["MyOrganizerApi:ReadinessPath"] = "/no-such-operation" });

        var (status, report) = await GetAsync(portal, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", Checks(report)["myorganizer-gateway"]);
        Assert.Equal("Healthy", Checks(report)["database"]);
    }

    [Fact]
    public async Task Ready_without_a_gateway_configured_checks_the_database_only()
    {
        await using var portal = new PortalFactory(standIn: null);

        var (status, report) = await GetAsync(portal, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["database"], Checks(report).Keys);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Report)> GetAsync(PortalFactory portal, string path)
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync(path);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static Dictionary<string, string> Checks(JsonElement report) =>
        report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
}
