using Microsoft.EntityFrameworkCore;

namespace WebPortal.Data;

/// <summary>
/// The portal's database on PostgreSQL: the same model, with migrations of its own (<c>Migrations/PostgreSql</c>),
/// since EF Core keeps one set of migrations per context type. Services ask for <see cref="PortalDbContext"/>.
/// </summary>
public sealed class PostgreSqlPortalDbContext(DbContextOptions<PostgreSqlPortalDbContext> options) : PortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // The admin search's prefix ranges compare code points, as SQLite does; the database's linguistic default
        // collation would order "a" and "A", or accents, its own way and make a range mean something else.
        modelBuilder.Entity<PortalUser>(user =>
        {
            user.Property(u => u.NormalizedDisplayName).UseCollation("C");
            user.Property(u => u.NormalizedEmail).UseCollation("C");
        });
    }
}
