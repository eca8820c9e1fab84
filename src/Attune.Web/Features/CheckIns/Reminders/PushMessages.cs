using System.Collections.Concurrent;
using System.Net;
using Attune.Web.Features.Sharing;
using Lib.Net.Http.WebPush;
using Microsoft.EntityFrameworkCore;
using WebPushSubscription = Lib.Net.Http.WebPush.PushSubscription;

namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// Sends one Web Push message to some of a person's browsers, and forgets the browsers their push service says are
/// gone. Messages carry no health data: a lock screen may show them to anyone nearby.
/// </summary>
public sealed class PushMessages(Access access, PushServiceClient push, ILogger<PushMessages> log)
{
    /// <summary>Pushes <paramref name="payload"/> (JSON: title, body, url) to each browser; returns how many accepted it.</summary>
    public async Task<int> SendAsync(IReadOnlyCollection<PushSubscription> browsers, string payload, string topic, int timeToLiveSeconds, CancellationToken cancel)
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
            var message = new PushMessage(payload) { Topic = topic, TimeToLive = timeToLiveSeconds, Urgency = PushMessageUrgency.Normal };
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
                log.LogWarning("A push to a browser at {PushService} was not accepted: {Problem}", Host(browser.Endpoint), e.Message);
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

    /// <summary>The browsers of <paramref name="owner"/>.</summary>
    public Task<List<PushSubscription>> BrowsersAsync(Guid owner, CancellationToken cancel) =>
        access.Own<PushSubscription>(owner).AsNoTracking().ToListAsync(cancel);

    private static string Host(string endpoint) => Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.Host : "an unreadable address";
}
