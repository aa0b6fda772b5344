using Microsoft.Extensions.Hosting;

namespace WebPortal.Bench;

/// <summary>
/// The lifetime of the apps the bench hosts in its own process: they stop when the bench disposes them. The default
/// console lifetime would swallow Ctrl+C and SIGTERM to stop just that app, leaving the bench (and its portal) running.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
