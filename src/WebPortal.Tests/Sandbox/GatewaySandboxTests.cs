using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WebPortal.Tests.Sandbox;

/// <summary>The gateway stand-in follows Fusio where the portal could meet it.</summary>
public sealed class GatewaySandboxTests
{
    [Fact]
    public async Task Consumer_login_gives_a_token_under_the_key_token_and_refreshes_it_once()
    {
        await using var gateway = await GatewayStandIn.StartAsync(options => options.ConsumerPassword = "sandbox-password");
        using var http = new HttpClient();

        using var login = await http.PostAsJsonAsync($"{gateway.BaseUrl}/consumer/login", new { username = "sandbox-consumer", password = "sandbox-password" });
        var answer = await login.Content.ReadFromJsonAsync<JsonElement>();
        var refreshToken = answer.GetProperty("refresh_token").GetString();
        using var refreshed = await http.PutAsJsonAsync($"{gateway.BaseUrl}/consumer/login", new { refresh_token = refreshToken });
        using var again = await http.PutAsJsonAsync($"{gateway.BaseUrl}/consumer/login", new { refresh_token = refreshToken });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(gateway.Sandbox.IsValidAccessToken(answer.GetProperty("token").GetString()!));
        Assert.False(answer.TryGetProperty("access_token", out _));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Wrong_consumer_credentials_are_refused_with_Fusios_message()
    {
        await using var gateway = await GatewayStandIn.StartAsync(options => options.ConsumerPassword = "sandbox-password");
        using var http = new HttpClient();

        using var login = await http.PostAsJsonAsync($"{gateway.BaseUrl}/consumer/login", new { username = "sandbox-consumer", password = "wrong" });

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Equal("Invalid name or password", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(null, "Missing authorization header")]
    [InlineData("not-a-jwt", "Invalid access token")]
    public async Task The_appointments_operation_refuses_a_missing_or_invalid_bearer_token(string? token, string message)
    {
        await using var gateway = await GatewayStandIn.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{gateway.BaseUrl}/agenda/appointments?from=2026-11-23&to=2026-11-29");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"Fusio\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Empty(gateway.Sandbox.AppointmentsRequests);
    }
}
