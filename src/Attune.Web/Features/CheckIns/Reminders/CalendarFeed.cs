using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// A private iCalendar address any calendar app can subscribe to: one daily event with an alarm per fixed reminder
/// time, in the person's zone. The secret in the address is the only credential (32 random bytes); only its
/// SHA-256 is stored, so the database alone cannot rebuild an address.
/// </summary>
/// <remarks>
/// Random reminders are left out on purpose: a calendar would show them ahead of time, and the point of experience
/// sampling is that the moment is not expected. The feed holds no health data either: the title and the times.
/// </remarks>
public sealed class CalendarFeed(AttuneDb db)
{
    public const int SecretBytes = 32;

    public const string PathPrefix = "/calendar/";

    public const string EventSummary = "Check in with Attune";

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Base64Url.DecodeFromChars(secret)));

    public static string Path(string secret) => $"{PathPrefix}{secret}.ics";

    /// <summary>The calendar for this secret, or null when no one has it (never made, or revoked).</summary>
    /// <param name="secret">From the address.</param>
    /// <param name="checkInUrl">The absolute address of the check-in page, for the events' descriptions.</param>
    /// <param name="cancel">Stops the lookup.</param>
    public async Task<string?> FindAsync(string secret, string checkInUrl, CancellationToken cancel)
    {
        if (secret.Length != 43 || !Base64Url.IsValid(secret, out var length) || length != SecretBytes || secret.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }
        var hash = Hash(secret);
        // The secret stands for its holder, who is not signed in: the lookup is by the hash alone (decision 0006).
        var found = await (
            from p in Access.Unchecked<CheckInPreferences>(db).AsNoTracking()
            where p.CalendarFeedHash == hash
            join u in db.Users on p.OwnerId equals u.Id
            select new { p.ReminderTimes, p.UpdatedAt, u.TimeZone }).FirstOrDefaultAsync(cancel);
        return found is null
            ? null
            : Build(ReminderSchedule.ParseStoredTimes(found.ReminderTimes), found.TimeZone ?? TimeZones.Default, found.UpdatedAt, hash[..16], checkInUrl);
    }

    /// <summary>The VCALENDAR text: a VTIMEZONE for the zone and a daily VEVENT with a VALARM per time.</summary>
    /// <param name="times">The fixed reminder times.</param>
    /// <param name="zone">The person's IANA zone.</param>
    /// <param name="changedAt">When the reminders last changed: the events start on that local day and carry it as DTSTAMP.</param>
    /// <param name="uidPart">Makes the events' UIDs unique to this feed without naming the person.</param>
    /// <param name="checkInUrl">The check-in page.</param>
    public static string Build(IReadOnlyList<TimeOnly> times, string zone, DateTime changedAt, string uidPart, string checkInUrl)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Attune//Check-in reminders//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Attune check-ins");
        calendar.AddProperty("X-WR-TIMEZONE", zone);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT12H");
        if (times.Count > 0)
        {
            calendar.AddTimeZone(zone);
        }
        var (firstDay, _) = LocalTimes.Of(changedAt, zone);
        foreach (var time in times)
        {
            var reminder = new CalendarEvent
            {
                Uid = $"checkin-{time.ToString("HHmm", CultureInfo.InvariantCulture)}-{uidPart}@attune",
                Summary = EventSummary,
                Description = $"A minute to notice how you are. {checkInUrl}",
                Url = new Uri(checkInUrl),
                DtStart = new CalDateTime(firstDay, time, zone),
                Duration = Duration.FromMinutes(5),
                DtStamp = new CalDateTime(changedAt, "UTC"),
                Transparency = TransparencyType.Transparent,
                RecurrenceRule = new RecurrenceRule(FrequencyType.Daily, 1),
            };
            reminder.Alarms.Add(new Alarm
            {
                Action = AlarmAction.Display,
                Description = "Time to check in",
                Trigger = new Trigger(Duration.FromMinutes(0)),
            });
            calendar.Events.Add(reminder);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
