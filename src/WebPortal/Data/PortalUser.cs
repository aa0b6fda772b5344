namespace WebPortal.Data;

/// <summary>A person with a portal account. External accounts link to it through <see cref="ProviderConnection"/>.</summary>
public sealed class PortalUser
{
    public Guid Id { get; set; }

    public required string DisplayName { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSignInAt { get; set; }

    public List<ProviderConnection> Connections { get; } = [];
}
