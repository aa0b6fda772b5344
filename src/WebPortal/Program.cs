using WebPortal.Areas.Admin;
using WebPortal.Authentication;
using WebPortal.Data;
using WebPortal.Infrastructure;
using WebPortal.Integrations;
using WebPortal.Observability;
using WebPortal.Providers;
using WebPortal.Sandbox;
using WebPortal.Scaling;
using WebPortal.Tokens;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalLogging();
builder.AddPortalMetrics();
builder.AddPortalSandbox();
builder.AddPortalData();
builder.AddPortalScaling();
builder.AddPortalTokens();
builder.AddPortalAuthentication();
builder.AddPortalProviders();
builder.AddPortalAdmin();
builder.AddProviderClients();
builder.AddPortalHealthChecks();
builder.AddPortalWeb();

await using var app = builder.Build();

try
{
    app.ValidateConfiguration();
    await app.MigratePortalDatabaseAsync();
    app.UsePortalWeb();
    app.MapPortalHealthChecks();
    app.MapPortalMetrics();
    app.MapPortalSandbox();
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (ConfigurationErrors.From(exception) is { } errors)
{
    // One line naming the keys, rather than a stack trace, for a deployment that is configured wrongly.
    app.Logger.LogCritical("WebPortal cannot start: {ConfigurationErrors}", errors);
    return 1;
}

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
