namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// A person's check-in settings. <c>defaultVisibility</c>: private | shared; <c>reminderTimes</c>: up to 6 fixed
/// times "HH:mm" in the person's zone; <c>randomPerDay</c>: 0–6 reminders at random moments between
/// <c>randomFrom</c> and <c>randomTo</c> ("HH:mm"); <c>calendarFeed</c>: whether a calendar address exists (it is
/// shown only when made); <c>pushDevices</c>: how many browsers receive reminders.
/// </summary>
public sealed record CheckInSettingsDto(
    string DefaultVisibility,
    IReadOnlyList<string> ReminderTimes,
    int RandomPerDay,
    string RandomFrom,
    string RandomTo,
    bool CalendarFeed,
    int PushDevices,
    DateTime? NextReminderAt);

/// <summary>Changes to the check-in settings; a field left out (null) stays as it is.</summary>
public sealed record CheckInSettingsRequest(
    string? DefaultVisibility = null,
    string[]? ReminderTimes = null,
    int? RandomPerDay = null,
    string? RandomFrom = null,
    string? RandomTo = null);

/// <summary>The calendar address, shown this once: only a hash of its secret is kept.</summary>
public sealed record CalendarFeedDto(string Url);

/// <summary>What a browser's <c>PushSubscription.toJSON()</c> gives.</summary>
public sealed record PushSubscriptionRequest(string? Endpoint, double? ExpirationTime = null, PushSubscriptionKeys? Keys = null);

/// <summary><c>p256dh</c>: the browser's P-256 public key; <c>auth</c>: its 16-byte secret; both base64url.</summary>
public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

/// <summary>A browser that receives reminders (its push address is not shown back).</summary>
public sealed record PushDeviceDto(Guid Id, string Device, DateTime CreatedAt);

public sealed record VapidPublicKeyDto(string PublicKey);
