using System.Threading.RateLimiting;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Therapists.InSession;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Together.Live;

/// <summary>
/// The breathe-together hub at <c>/hubs/together</c>. Each method is one operation of <see cref="BreathSessions"/>,
/// which authorizes it against the database; <see cref="LiveHubGuard"/> limits the rate and turns refusals into plain
/// errors for the caller without closing the connection.
/// </summary>
public sealed class TogetherHub(BreathSessions sessions, InSessionViews inSession) : Hub
{
    public const string Path = "/hubs/together";

    /// <summary>The server's clock in Unix milliseconds, for the client's offset estimate (NTP-style, several round trips).</summary>
    public double Clock() => LiveClock.NowMs;

    /// <summary>Starts a session with my partner at a pace from <see cref="BreathSessions.Rhythms"/>; returns its id.</summary>
    public Task<Guid> Start(double breathsPerMinute) => sessions.StartAsync(Me, breathsPerMinute, Context.ConnectionAborted);

    public Task<LiveJoinedDto> Join(Guid sessionId, string? stateBefore) =>
        sessions.JoinAsync(Me, sessionId, stateBefore, Context.ConnectionId, Context.ConnectionAborted);

    /// <summary>
    /// Joins a therapist's in-session view: the therapist as they are, the client with the consent text's version they agreed
    /// to (<see cref="InSessionConsent"/>) and how they are now. Heart rates, "here" and the end then go as in any session.
    /// </summary>
    public Task<LiveJoinedDto> JoinInSession(Guid sessionId, string? stateBefore, int? consentVersion) =>
        inSession.JoinAsync(Me, sessionId, stateBefore, consentVersion, Context.ConnectionId, Context.ConnectionAborted);

    public Task Beat(Guid sessionId, int heartRate, long seq) =>
        sessions.BeatAsync(Me, sessionId, heartRate, seq, Context.ConnectionId, Context.ConnectionAborted);

    public Task Here(Guid sessionId) => sessions.HereAsync(Me, sessionId, Context.ConnectionId, Context.ConnectionAborted);

    public Task End(Guid sessionId) => sessions.EndAsync(Me, sessionId, Context.ConnectionId, Context.ConnectionAborted);

    public Task After(Guid sessionId, string? stateAfter) => sessions.AfterAsync(Me, sessionId, stateAfter, Context.ConnectionAborted);

    public override Task OnDisconnectedAsync(Exception? exception) => sessions.DisconnectedAsync(Context.ConnectionId, CancellationToken.None);

    private Guid Me => Context.User!.UserId();
}

/// <summary>
/// Every hub call: a token bucket per connection (<see cref="LiveOptions.MessagesPerSecond"/>), and a
/// <see cref="LiveRefusal"/> passed on to the caller as a <see cref="HubException"/> (the connection stays open; other
/// errors reach the client only as the framework's generic message).
/// </summary>
public sealed class LiveHubGuard(IOptions<LiveOptions> options) : IHubFilter
{
    private const string LimiterKey = "attune:rate";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocation.Context.Items[LimiterKey] is not TokenBucketRateLimiter limiter)
        {
            throw new HubException("Please reconnect.");
        }
        using var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            throw new HubException("Too many messages at once. Please slow down.");
        }
        try
        {
            return await next(invocation);
        }
        catch (LiveRefusal refusal)
        {
            throw new HubException(refusal.Message);
        }
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var perSecond = options.Value.MessagesPerSecond;
        context.Context.Items[LimiterKey] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond * 2,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        return next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items[LimiterKey] is TokenBucketRateLimiter limiter)
        {
            await limiter.DisposeAsync();
        }
        await next(context, exception);
    }
}
