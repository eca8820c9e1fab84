using Attune.Web.Features.Accounts;
using Attune.Web.Features.Admin;
using Attune.Web.Features.Audit;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Attune.Web.Data;

/// <summary>
/// The one EF Core model. Each provider has a sealed subclass so that its hand-written migrations
/// can be attached to it (see docs/decisions/0002-hand-written-migrations.md).
/// </summary>
public abstract class AttuneDb(DbContextOptions options) : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring when <c>DataProtection:Store</c> is <c>database</c> (several nodes share it).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    // Health data (recordings, check-ins, ...) has no DbSet here on purpose: it is reached only through
    // Features/Sharing/Access, and HealthDataGuard refuses queries that are not.

    public DbSet<Grant> Grants => Set<Grant>();

    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();

    /// <summary>Append-only (decision 0011): add entries, never change or remove them.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<SignInLink> SignInLinks => Set<SignInLink>();

    /// <summary>The transaction <see cref="AuditInterceptor"/> opened for the save in progress, if it had to.</summary>
    internal IDbContextTransaction? AuditTransaction { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Passkeys (WebAuthn credentials) as Identity's schema version 3 maps them. Mapped here rather than by
        // switching the whole schema to version 3, which would also re-key the login and token tables.
        builder.Entity<IdentityUserPasskey<Guid>>(b =>
        {
            b.HasKey(p => p.CredentialId);
            b.ToTable("AspNetUserPasskeys");
            b.Property(p => p.CredentialId).HasMaxLength(1024);
            b.OwnsOne(p => p.Data).ToJson();
        });
        builder.Entity<AppUser>().HasMany<IdentityUserPasskey<Guid>>().WithOne().HasForeignKey(p => p.UserId).IsRequired();
        builder.ApplyConfigurationsFromAssembly(typeof(AttuneDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored in UTC; SQLite hands them back without a kind, so say so on the way in.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteAttuneDb(DbContextOptions<SqliteAttuneDb> options) : AttuneDb(options);

public sealed class PostgresAttuneDb(DbContextOptions<PostgresAttuneDb> options) : AttuneDb(options);
