using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace WebPortal.Sandbox;

/// <summary>
/// One provider's stand-in as the portal runs it in Development, in a folder of its own beside its stand-in. The
/// portal finds every module of this assembly (see <see cref="SandboxModules"/>) and applies each, so adding a
/// provider's stand-in changes no shared file. A module is made for one portal: it may keep what it settles
/// (secrets, a host's address) between its calls.
/// </summary>
/// <remarks>
/// The portal's configuration keys are written out literally (<c>"KlasCement:ClientId"</c>): this project does not
/// reference the portal, whose release build does not contain it.
/// </remarks>
public interface ISandboxModule
{
    /// <summary>
    /// Registers the stand-in's services and returns the portal configuration that points the provider at it, with
    /// secrets made up for this process: the stand-in and the portal are their only holders.
    /// </summary>
    IReadOnlyDictionary<string, string?> Register(SandboxContext context);

    /// <summary>Maps the stand-in's endpoints into the portal; nothing for a stand-in on a host of its own.</summary>
    void Map(IEndpointRouteBuilder endpoints)
    {
    }

    /// <summary>Starts a host of the stand-in's own, with the portal and before it takes requests.</summary>
    Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops what <see cref="StartAsync"/> started, when the portal stops.</summary>
    Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What a <see cref="ISandboxModule"/> is given to settle its stand-in.</summary>
/// <param name="PortalBaseUrl">Where the portal is reached, without a trailing slash: its callbacks are below it.</param>
/// <param name="Services">The portal's services.</param>
public sealed record SandboxContext(string PortalBaseUrl, IServiceCollection Services)
{
    /// <summary>
    /// <see cref="PortalBaseUrl"/>, and the same at 127.0.0.1 when it names localhost: a browser may use either, and
    /// a stand-in that checks redirect URIs must know both.
    /// </summary>
    public IReadOnlyList<string> PortalOrigins =>
        [.. new[] { PortalBaseUrl, PortalBaseUrl.Replace("://localhost", "://127.0.0.1", StringComparison.Ordinal) }.Distinct()];
}

public static class SandboxModules
{
    /// <summary>
    /// A new instance of every <see cref="ISandboxModule"/> of this assembly, for one portal. Found by reflection so
    /// that a stand-in's folder is all a new provider's sandbox needs: no shared list names them.
    /// </summary>
    public static IReadOnlyList<ISandboxModule> Create() => typeof(ISandboxModule).Assembly.GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(ISandboxModule).IsAssignableFrom(type))
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .Select(type => (ISandboxModule)Activator.CreateInstance(type)!)
        .ToList();
}
