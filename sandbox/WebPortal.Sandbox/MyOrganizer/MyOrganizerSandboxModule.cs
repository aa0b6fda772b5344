namespace WebPortal.Sandbox.MyOrganizer;

/// <summary>
/// MyOrganizer's stand-ins in Development: the B2C tenant and the API gateway, on a loopback port of their own
/// (OpenIddict's server needs a host of its own, and B2C's paths start at the root). Their address is settled at
/// registration, for the portal's configuration; they start and stop with the portal.
/// </summary>
public sealed class MyOrganizerSandboxModule : ISandboxModule, IAsyncDisposable
{
    private MyOrganizerSandboxHost? _host;

    public IReadOnlyDictionary<string, string?> Register(SandboxContext context)
    {
        _host = new MyOrganizerSandboxHost(context.PortalOrigins.Select(origin => $"{origin}/signin-myorganizer"));
        return MyOrganizerSandboxSettings.For(_host);
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        (_host ?? throw new InvalidOperationException("The MyOrganizer sandbox module has not been registered.")).StartAsync();

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
