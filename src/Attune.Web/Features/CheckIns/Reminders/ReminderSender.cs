using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Lib.Net.Http.WebPush;
using Microsoft.EntityFrameworkCore;
using WebPushSubscription = Lib.Net.Http.WebPush.PushSubscription;

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
public sealed class ReminderSender(AttuneDb db, Access access, TimeProvider clock, PushServiceClient push, ILogger<ReminderSender> log)
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
            sent += await PushAsync(pushes, cancel);
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

    private async Task<int> PushAsync(List<PushSubscription> browsers, CancellationToken cancel)
    {
        if (browsers.Count == 0)
        {
            return 0;
        }
        var gone = new ConcurrentBag<PushSubscription>();
        var sent = 0;
        await Parallel.ForEachAsync(browsers, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancel }, async (browser, ct) =>
        {
            var target = new WebPushSubscription
            {
                Endpoint = browser.Endpoint,
                Keys = new Dictionary<string, string> { ["p256dh"] = browser.P256dh, ["auth"] = browser.Auth },
            };
            var message = new PushMessage(Payload) { Topic = "checkin-reminder", TimeToLive = TimeToLiveSeconds, Urgency = PushMessageUrgency.Normal };
            try
            {
                await push.RequestPushMessageDeliveryAsync(target, message, ct);
                Interlocked.Increment(ref sent);
            }
            catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                gone.Add(browser);
            }
            catch (Exception e) when (e is PushServiceClientException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // The address is a capability for that browser: log its push service only.
                log.LogWarning("A reminder to a browser at {PushService} was not accepted: {Problem}", Host(browser.Endpoint), e.Message);
            }
        });
        foreach (var browser in gone)
        {
            // The browser unsubscribed or was reset: it will never receive anything at this address again.
            await access.Own<PushSubscription>(browser.OwnerId).Where(s => s.Id == browser.Id).ExecuteDeleteAsync(cancel);
            if (!await access.Own<PushSubscription>(browser.OwnerId).AnyAsync(cancel))
            {
                await access.Own<CheckInPreferences>(browser.OwnerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.NextReminderAt, (DateTime?)null), cancel);
            }
        }
        return sent;
    }

    private static string Host(string endpoint) => Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.Host : "an unreadable address";
}
