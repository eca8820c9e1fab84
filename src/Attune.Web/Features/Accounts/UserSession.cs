using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Accounts;

/// <summary>One signed-in browser. The cookie carries its id; revoking the row ends that sign-in.</summary>
public sealed class UserSession
{
    public const int DeviceMaxLength = 120;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>A short description of the browser, derived from its User-Agent.</summary>
    public string Device { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("UserSessions");
        b.Property(s => s.Device).HasMaxLength(UserSession.DeviceMaxLength);
        b.HasIndex(s => s.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
