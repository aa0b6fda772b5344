using System.ComponentModel.DataAnnotations;

namespace WebPortal.Data;

/// <summary>Configuration section <c>Database</c>: which database engine holds the portal's state.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = nameof(Sqlite);

    public const string PostgreSql = "PostgreSQL";

    /// <summary>
    /// <c>Sqlite</c> (the embedded default, one instance) or <c>PostgreSQL</c> (several instances on one database);
    /// the connection string is <c>ConnectionStrings:Portal</c> for either.
    /// </summary>
    [Required]
    [AllowedValues(Sqlite, PostgreSql, ErrorMessage = "Database:Provider must be Sqlite or PostgreSQL.")]
    public string Provider { get; set; } = Sqlite;

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.Ordinal);
}
