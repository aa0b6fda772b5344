using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WebPortal.Data;

/// <summary>The portal's database: users, their provider connections and sessions, the audit log and the Data Protection key ring.</summary>
public class PortalDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>
    /// Times the admin pages sort or filter by are stored as UTC ticks: SQLite has no date type, and EF Core does not
    /// order or compare <see cref="DateTimeOffset"/> there. Every time the portal writes is UTC.
    /// </summary>
    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks = new(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    public PortalDbContext(DbContextOptions<PortalDbContext> options)
        : base(options)
    {
    }

    /// <summary>For <see cref="PostgreSqlPortalDbContext"/>, whose options name its own type.</summary>
    protected PortalDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<PortalUser> Users => Set<PortalUser>();

    public DbSet<ProviderConnection> Connections => Set<ProviderConnection>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<UserSession> Sessions => Set<UserSession>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PortalUser>(user =>
        {
            user.ToTable("Users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.NormalizedDisplayName).HasMaxLength(200);
            user.Property(u => u.Email).HasMaxLength(320);
            user.Property(u => u.NormalizedEmail).HasMaxLength(320);
            user.Property(u => u.CreatedAt).HasConversion(UtcTicks);
            user.Property(u => u.LastSignInAt).HasConversion(UtcTicks);

            // The admin list's search (prefix ranges) and its two sort orders, each with the id as tie-breaker.
            user.HasIndex(u => new { u.NormalizedDisplayName, u.Id });
            user.HasIndex(u => u.NormalizedEmail);
            user.HasIndex(u => new { u.LastSignInAt, u.Id });
            user.HasIndex(u => u.IsAdmin);
        });

        modelBuilder.Entity<ProviderConnection>(connection =>
        {
            connection.ToTable("ProviderConnections");
            connection.Property(c => c.Provider).HasMaxLength(64);
            connection.Property(c => c.ProviderUserId).HasMaxLength(200);
            connection.Property(c => c.Scope).HasMaxLength(1000);
            connection.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
            connection.Property(c => c.LastRefreshOutcome).HasMaxLength(64);
            connection.Property(c => c.ReconnectReason).HasMaxLength(64);
            connection.Property(c => c.Version).IsConcurrencyToken();
            connection.HasIndex(c => new { c.Provider, c.ProviderUserId }).IsUnique();
            connection.HasIndex(c => new { c.UserId, c.Provider }).IsUnique();

            // The admin list's search by external id (any provider) and its provider and state filters.
            connection.HasIndex(c => c.ProviderUserId);
            connection.HasIndex(c => new { c.Provider, c.Status, c.UserId });
            connection.HasIndex(c => new { c.Status, c.UserId });
            connection.HasOne(c => c.User).WithMany(u => u.Connections).HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<UserSession>(session =>
        {
            session.ToTable("Sessions");
            session.Property(s => s.KeyHash).HasMaxLength(64);
            session.Property(s => s.SignInProvider).HasMaxLength(64);
            session.Property(s => s.Browser).HasMaxLength(32);
            session.Property(s => s.OperatingSystem).HasMaxLength(32);
            session.Property(s => s.IpAddress).HasMaxLength(64);
            session.Property(s => s.CreatedAt).HasConversion(UtcTicks);
            session.Property(s => s.LastSeenAt).HasConversion(UtcTicks);
            session.Property(s => s.ExpiresAt).HasConversion(UtcTicks);
            session.HasIndex(s => s.KeyHash).IsUnique();

            // A person's sessions, and the cleanup's two ways a session ends: idle, or at the end of its lifetime.
            session.HasIndex(s => new { s.UserId, s.LastSeenAt });
            session.HasIndex(s => s.LastSeenAt);
            session.HasIndex(s => s.ExpiresAt);
            session.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("AuditEntries");
            entry.Property(e => e.At).HasConversion(UtcTicks);
            entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
            entry.Property(e => e.ActorName).HasMaxLength(200);
            entry.Property(e => e.SubjectName).HasMaxLength(200);
            entry.Property(e => e.Provider).HasMaxLength(64);
            entry.Property(e => e.ExternalUserId).HasMaxLength(200);
            entry.Property(e => e.Detail).HasMaxLength(64);
            entry.Property(e => e.ClientIp).HasMaxLength(64);

            // No foreign keys: entries outlive the users they name. Newest first, per user or per action.
            entry.HasIndex(e => new { e.SubjectUserId, e.Id });
            entry.HasIndex(e => new { e.ActorUserId, e.Id });
            entry.HasIndex(e => new { e.Action, e.Id });
        });
    }
}
