using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WebPortal.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add … --context PostgreSqlPortalDbContext</c> build the PostgreSQL model; adding a
/// migration connects to no database.
/// </summary>
internal sealed class PostgreSqlPortalDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPortalDbContext>
{
    public PostgreSqlPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql("Host=localhost;Database=webportal").Options);
}
