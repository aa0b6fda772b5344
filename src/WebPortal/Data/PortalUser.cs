namespace WebPortal.Data;

/// <summary>A person with a portal account. External accounts link to it through <see cref="ProviderConnection"/>.</summary>
public sealed class PortalUser
{
    private string _displayName = "";
    private string? _email;

    public Guid Id { get; set; }

    public required string DisplayName
    {
        get => _displayName;
        set
        {
            _displayName = value;
            NormalizedDisplayName = Normalize(value);
        }
    }

    public string? Email
    {
        get => _email;
        set
        {
            _email = value;
            NormalizedEmail = value is null ? null : Normalize(value);
        }
    }

    /// <summary>
    /// <see cref="DisplayName"/> in upper case, kept beside it so that a case-insensitive prefix search is an index
    /// range scan (the way ASP.NET Core Identity keeps <c>NormalizedUserName</c>), in SQLite and PostgreSQL alike.
    /// </summary>
    public string NormalizedDisplayName { get; private set; } = "";

    public string? NormalizedEmail { get; private set; }

    /// <summary>May see every linked account and act on it (<c>/admin</c>): granted in the UI or by <c>Portal:Admins</c>.</summary>
    public bool IsAdmin { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSignInAt { get; set; }

    public List<ProviderConnection> Connections { get; } = [];

    /// <summary>
    /// Normalizes the name and e-mail address again: rows migrated from before the normalized columns existed were
    /// upper-cased by SQLite, which folds ASCII only.
    /// </summary>
    public void Renormalize()
    {
        NormalizedDisplayName = Normalize(DisplayName);
        NormalizedEmail = Email is null ? null : Normalize(Email);
    }

    /// <summary>How names, e-mail addresses and searches for them are compared: case-insensitively, in any script.</summary>
    public static string Normalize(string value) => value.Trim().ToUpperInvariant();
}
