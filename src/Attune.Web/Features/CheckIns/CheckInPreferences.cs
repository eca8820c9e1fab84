using System.Linq.Expressions;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.CheckIns;

/// <summary>A person's check-in settings: who sees new check-ins by default, and when to be reminded.</summary>
public sealed class CheckInPreferences : IOwnedData<CheckInPreferences>
{
    public const int MaxFixedReminders = 6;
    public const int MaxRandomPerDay = 6;

    public static DataStream Stream => DataStream.CheckIns;

    /// <summary>Settings are the owner's alone, whatever they share.</summary>
    public static Expression<Func<CheckInPreferences, bool>> VisibleToGrantees => _ => false;

    public Guid Id => OwnerId;

    public Guid OwnerId { get; set; }

    public CheckInVisibility DefaultVisibility { get; set; }

    /// <summary>Fixed reminder times in the person's zone, "HH:mm" comma-separated, e.g. "08:30,20:00".</summary>
    public string ReminderTimes { get; set; } = "";

    /// <summary>Reminders at random moments (experience sampling) per day, inside the window below; 0 for none.</summary>
    public int RandomPerDay { get; set; }

    /// <summary>Start of the random window, minutes after local midnight.</summary>
    public int RandomFromMinute { get; set; } = 9 * 60;

    /// <summary>End of the random window, minutes after local midnight.</summary>
    public int RandomToMinute { get; set; } = 21 * 60;

    /// <summary>The last reminder moment handled, so each is sent once, even with several app nodes.</summary>
    public DateTime? LastReminderAt { get; set; }

    /// <summary>
    /// The next reminder moment to push, or null when there is none (no reminders, or no device to push to).
    /// Indexed: the reminder service asks only for the rows that are due (Reminders/ReminderSender.cs).
    /// </summary>
    public DateTime? NextReminderAt { get; set; }

    /// <summary>SHA-256 (hex) of the secret in the person's calendar-feed address; null when there is no feed.</summary>
    public string? CalendarFeedHash { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A browser that agreed to receive reminders by Web Push.</summary>
public sealed class PushSubscription : IOwnedData<PushSubscription>
{
    public const int EndpointMaxLength = 1000;

    public static DataStream Stream => DataStream.CheckIns;

    public static Expression<Func<PushSubscription, bool>> VisibleToGrantees => _ => false;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    /// <summary>The push service address the browser gave (it identifies the browser to that service).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The browser's P-256 public key, base64url.</summary>
    public string P256dh { get; set; } = "";

    /// <summary>The browser's authentication secret, base64url.</summary>
    public string Auth { get; set; } = "";

    public string Device { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

internal sealed class CheckInPreferencesConfiguration : IEntityTypeConfiguration<CheckInPreferences>
{
    public void Configure(EntityTypeBuilder<CheckInPreferences> b)
    {
        b.ToTable("CheckInPreferences");
        b.HasKey(p => p.OwnerId);
        b.Ignore(p => p.Id);
        b.Property(p => p.DefaultVisibility).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.ReminderTimes).HasMaxLength(200);
        b.Property(p => p.CalendarFeedHash).HasMaxLength(64);
        b.HasIndex(p => p.CalendarFeedHash).IsUnique();
        b.HasIndex(p => p.NextReminderAt);
        b.HasOne<AppUser>().WithOne().HasForeignKey<CheckInPreferences>(p => p.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> b)
    {
        b.ToTable("PushSubscriptions");
        b.Property(p => p.Endpoint).HasMaxLength(PushSubscription.EndpointMaxLength);
        b.Property(p => p.P256dh).HasMaxLength(200);
        b.Property(p => p.Auth).HasMaxLength(100);
        b.Property(p => p.Device).HasMaxLength(UserSession.DeviceMaxLength);
        b.HasIndex(p => new { p.OwnerId, p.Endpoint }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
