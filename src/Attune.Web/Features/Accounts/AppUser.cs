using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Accounts;

public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 60;
    public const int TimeZoneMaxLength = 64;

    public string DisplayName { get; set; } = "";

    /// <summary>IANA time zone id, e.g. Europe/Berlin. Instants are stored in UTC and shown in this zone.</summary>
    public string TimeZone { get; set; } = "UTC";

    public DateTime CreatedAt { get; set; }

    /// <summary>The last accepted authenticator time step; a code from this step or earlier is refused.</summary>
    public long? LastTotpTimeStep { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        b.Property(u => u.TimeZone).HasMaxLength(AppUser.TimeZoneMaxLength);
    }
}
