using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace WebPortal.Data;

/// <summary>The portal's database: users, their provider connections and the Data Protection key ring.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<PortalUser> Users => Set<PortalUser>();

    public DbSet<ProviderConnection> Connections => Set<ProviderConnection>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PortalUser>(user =>
        {
            user.ToTable("Users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.Email).HasMaxLength(320);
        });

        modelBuilder.Entity<ProviderConnection>(connection =>
        {
            connection.ToTable("ProviderConnections");
            connection.Property(c => c.Provider).HasMaxLength(64);
            connection.Property(c => c.ProviderUserId).HasMaxLength(200);
            connection.Property(c => c.Scope).HasMaxLength(1000);
            connection.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
            connection.Property(c => c.Version).IsConcurrencyToken();
            connection.HasIndex(c => new { c.Provider, c.ProviderUserId }).IsUnique();
            connection.HasIndex(c => new { c.UserId, c.Provider }).IsUnique();
            connection.HasOne(c => c.User).WithMany(u => u.Connections).HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
