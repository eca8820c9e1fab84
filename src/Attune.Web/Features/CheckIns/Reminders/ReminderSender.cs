using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// Sends the reminders that are due: once a minute, one indexed query for the people whose next moment has come,
/// then for each a conditional update that claims the moment, and a push to each of their browsers.
/// </summary>
/// <remarks>
/// Once only, with any number of nodes: <c>UPDATE … SET NextReminderAt = next WHERE OwnerId = me AND
/// NextReminderAt = due</c> succeeds on exactly one node, and only that node sends (docs/decisions/0006-reminders.md).
/// A node that dies between claiming and sending loses that one reminder, which is better than sending it twice.
/// The push holds no health data: the same words for everyone, and the address of the check-in page.
/// </remarks>
public sealed class ReminderSender(AttuneDb db, Access access, TimeProvider clock, PushMessages push)
{
    /// <summary>A reminder found later than this (the app was down) is skipped rather than sent late.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    /// <summary>A reminder the push service could not deliver within this time is no longer worth showing.</summary>
    public const int TimeToLiveSeconds = 30 * 60;

    private const int Batch = 500;

    /// <summary>Up to this many batches a minute; what is left waits for the next minute rather than looping on.</summary>
    private const int MaxBatches = 20;

    /// <summary>What every reminder says. Nothing about the person: a lock screen may show it to anyone nearby.</summary>
    public static readonly string Payload = JsonSerializer.Serialize(new
    {
        title = "Time to check in",
        body = "How are you, right now?",
        url = "/checkin",
    });

    /// <summary>Sends every reminder due now; returns how many pushes went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancel)
    {
        var sent = 0;
        for (var round = 0; round < MaxBatches; round++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // A job acting for nobody in particular: it reads only when and how to remind, never check-ins, and
            // changes each person's row through Access.Own (decision 0006).
            var due = await (
                from p in Access.Unchecked<CheckInPreferences>(db).AsNoTracking()
                where p.NextReminderAt != null && p.NextReminderAt <= now
                join u in db.Users on p.OwnerId equals u.Id
                orderby p.NextReminderAt
                select new { Preferences = p, u.TimeZone }).Take(Batch).ToListAsync(cancel);
            var pushes = new List<PushSubscription>();
            foreach (var row in due)
            {
                pushes.AddRange(await ClaimAsync(row.Preferences, row.TimeZone ?? "UTC", now, cancel));
            }
            sent += await push.SendAsync(pushes, Payload, "checkin-reminder", TimeToLiveSeconds, cancel);
            if (due.Count < Batch)
            {
                break;
            }
        }
        return sent;
    }

    /// <summary>Claims the person's due moment and moves them to their next; returns the browsers to push to, if this node won.</summary>
    private async Task<List<PushSubscription>> ClaimAsync(CheckInPreferences p, string zone, DateTime now, CancellationToken cancel)
    {
        var owner = p.OwnerId;
        var at = p.NextReminderAt!.Value;
        var plan = ReminderPlan.Of(p);
        var browsers = await access.Own<PushSubscription>(owner).AsNoTracking().ToListAsync(cancel);
        var next = browsers.Count > 0 ? ReminderSchedule.NextAfter(now, plan, zone, owner) : null;
        var claimed = await access.Own<CheckInPreferences>(owner).Where(x => x.NextReminderAt == at)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.NextReminderAt, next).SetProperty(x => x.LastReminderAt, at), cancel) == 1;
        // Still a moment of the plan in the person's zone today? (They may have moved to another zone since.)
        var isMoment = ReminderSchedule.NextAfter(at.AddTicks(-1), plan, zone, owner) == at;
        return claimed && isMoment && now - at <= Grace ? browsers : [];
    }
}
