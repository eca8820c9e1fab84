using System.Buffers.Text;
using System.Security.Cryptography;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// Reading and changing a person's check-in settings (default visibility, reminders, calendar address): the one
/// implementation behind the settings page and the API. Every change to what or where a person is reminded
/// recomputes their next reminder moment, which the reminder service looks up by index.
/// </summary>
public sealed class ReminderSettings(AttuneDb db, Access access, TimeProvider clock)
{
    public async Task<CheckInSettingsDto> GetAsync(Guid me, CancellationToken cancel)
    {
        var p = await access.Own<CheckInPreferences>(me).AsNoTracking().FirstOrDefaultAsync(cancel) ?? Defaults(me);
        var devices = await access.Own<PushSubscription>(me).CountAsync(cancel);
        var plan = ReminderPlan.Of(p);
        return new CheckInSettingsDto(
            p.DefaultVisibility == CheckInVisibility.Shared ? "shared" : "private",
            [.. plan.Fixed.Select(ReminderSchedule.Format)],
            p.RandomPerDay,
            ReminderSchedule.Format(plan.RandomFrom),
            ReminderSchedule.Format(plan.RandomTo),
            p.CalendarFeedHash is not null,
            devices,
            p.NextReminderAt);
    }

    /// <summary>Applies the fields that are present; on any problem nothing changes.</summary>
    public async Task<Dictionary<string, string[]>?> SaveAsync(Guid me, CheckInSettingsRequest request, CancellationToken cancel)
    {
        var p = await access.Own<CheckInPreferences>(me).FirstOrDefaultAsync(cancel);
        var current = p ?? Defaults(me);
        var (valid, errors) = Validate(request, ReminderPlan.Of(current));
        if (valid is null)
        {
            return errors;
        }
        if (p is null)
        {
            p = current;
            db.Add(p);
        }
        if (request.DefaultVisibility is not null)
        {
            p.DefaultVisibility = valid.Visibility;
        }
        p.ReminderTimes = ReminderSchedule.StoreTimes(valid.Plan.Fixed);
        p.RandomPerDay = valid.Plan.RandomPerDay;
        p.RandomFromMinute = valid.Plan.RandomFrom.Hour * 60 + valid.Plan.RandomFrom.Minute;
        p.RandomToMinute = valid.Plan.RandomTo.Hour * 60 + valid.Plan.RandomTo.Minute;
        p.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        p.NextReminderAt = await NextAsync(me, p, cancel);
        await db.SaveChangesAsync(cancel);
        return null;
    }

    /// <summary>A new secret calendar address; the previous one, if any, stops working. Returns the secret.</summary>
    public async Task<string> CreateCalendarFeedAsync(Guid me, CancellationToken cancel)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(CalendarFeed.SecretBytes));
        var p = await access.Own<CheckInPreferences>(me).FirstOrDefaultAsync(cancel);
        if (p is null)
        {
            p = Defaults(me);
            db.Add(p);
        }
        p.CalendarFeedHash = CalendarFeed.Hash(secret);
        p.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancel);
        return secret;
    }

    /// <summary>Forgets the calendar address, so it answers 404 from now on. False when there was none.</summary>
    public async Task<bool> RevokeCalendarFeedAsync(Guid me, CancellationToken cancel) =>
        await access.Own<CheckInPreferences>(me).Where(p => p.CalendarFeedHash != null)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.CalendarFeedHash, (string?)null), cancel) == 1;

    /// <summary>Recomputes the next reminder after a change elsewhere: a device added or removed, a new time zone.</summary>
    public async Task RescheduleAsync(Guid me, CancellationToken cancel)
    {
        var p = await access.Own<CheckInPreferences>(me).FirstOrDefaultAsync(cancel);
        if (p is null)
        {
            return;
        }
        p.NextReminderAt = await NextAsync(me, p, cancel);
        await db.SaveChangesAsync(cancel);
    }

    /// <summary>The next moment to push, or null when there is nothing to remind of or no device to remind on.</summary>
    private async Task<DateTime?> NextAsync(Guid me, CheckInPreferences p, CancellationToken cancel)
    {
        if (!await access.Own<PushSubscription>(me).AnyAsync(cancel))
        {
            return null;
        }
        var zone = await TimeZones.OfUserAsync(db, me, cancel) ?? TimeZones.Default;
        return ReminderSchedule.NextAfter(clock.GetUtcNow().UtcDateTime, ReminderPlan.Of(p), zone, me);
    }

    private CheckInPreferences Defaults(Guid me) => new() { OwnerId = me, UpdatedAt = clock.GetUtcNow().UtcDateTime };

    /// <summary>The plan of a person who has changed nothing yet.</summary>
    internal static ReminderPlan DefaultPlan => ReminderPlan.Of(new CheckInPreferences());

    internal sealed record ValidSettings(CheckInVisibility Visibility, ReminderPlan Plan);

    internal static (ValidSettings? Value, Dictionary<string, string[]> Errors) Validate(CheckInSettingsRequest r, ReminderPlan current)
    {
        var errors = new Dictionary<string, string[]>();
        var visibility = CheckInVisibility.Private;
        switch (r.DefaultVisibility)
        {
            case null or "private":
                break;
            case "shared":
                visibility = CheckInVisibility.Shared;
                break;
            default:
                errors["defaultVisibility"] = ["Choose private or shared."];
                break;
        }

        var times = current.Fixed;
        if (r.ReminderTimes is { } given)
        {
            var filled = given.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
            var parsed = new SortedSet<TimeOnly>();
            foreach (var text in filled)
            {
                if (ReminderSchedule.TryParseTime(text.Trim(), out var time))
                {
                    parsed.Add(time);
                }
                else
                {
                    errors["reminderTimes"] = [$"“{Shorten(text)}” is not a time. Use hours and minutes, like 08:30 or 20:00."];
                    break;
                }
            }
            if (filled.Count > CheckInPreferences.MaxFixedReminders)
            {
                errors["reminderTimes"] = [$"Up to {CheckInPreferences.MaxFixedReminders} times a day. More than that tends to turn a pause into a chore."];
            }
            times = [.. parsed];
        }

        var perDay = r.RandomPerDay ?? current.RandomPerDay;
        if (perDay is < 0 or > CheckInPreferences.MaxRandomPerDay)
        {
            errors["randomPerDay"] = [$"Choose from 0 to {CheckInPreferences.MaxRandomPerDay} surprise reminders a day."];
        }
        var from = current.RandomFrom;
        if (r.RandomFrom is not null && !ReminderSchedule.TryParseTime(r.RandomFrom.Trim(), out from))
        {
            errors["randomFrom"] = ["Use hours and minutes, like 09:00."];
        }
        var to = current.RandomTo;
        if (r.RandomTo is not null && !ReminderSchedule.TryParseTime(r.RandomTo.Trim(), out to))
        {
            errors["randomTo"] = ["Use hours and minutes, like 21:00."];
        }
        if (!errors.ContainsKey("randomFrom") && !errors.ContainsKey("randomTo"))
        {
            var window = (int)(to - from).TotalMinutes;
            if (to <= from)
            {
                errors["randomTo"] = ["The window ends after it starts, on the same day (for example 09:00 to 21:00)."];
            }
            else if (perDay > 0 && window < Math.Max(ReminderSchedule.MinimumWindowMinutes, (perDay - 1) * ReminderSchedule.MinimumGapMinutes))
            {
                var needed = Math.Max(ReminderSchedule.MinimumWindowMinutes, (perDay - 1) * ReminderSchedule.MinimumGapMinutes);
                var length = needed % 60 == 0 ? $"{needed / 60} hour{(needed == 60 ? "" : "s")}" : $"{needed / 60} h {needed % 60} min";
                errors["randomTo"] = [$"Give the surprise reminders a wider window, at least {length}, so they can come half an hour apart."];
            }
        }
        return errors.Count > 0 ? (null, errors) : (new ValidSettings(visibility, new ReminderPlan(times, perDay, from, to)), errors);
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
