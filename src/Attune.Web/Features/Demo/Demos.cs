using System.Security.Cryptography;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Demo;

/// <summary>
/// "Try with sample data": a throw-away account, clearly marked, holding <see cref="DemoCheckIns.Days"/> days of
/// made-up check-ins, signed in at once and erased after a day (or when its visitor signs out and deletes it).
/// </summary>
public sealed class Demos(AttuneDb db, UserManager<AppUser> users, CheckInTransfer transfer, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public const string Claim = "attune:demo";

    public async Task<AppUser> CreateAsync(string? zone, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var timeZone = Infrastructure.TextRules.IsKnownTimeZone(zone) ? zone!.Trim() : TimeZones.Default;
        var email = $"demo-{Guid.NewGuid():N}@demo.attune.invalid";
        var user = AccountFlows.NewUser(email, "Sam (demo)", timeZone, clock);
        user.EmailConfirmed = true;
        var created = await users.CreateAsync(user, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("A demo account could not be made: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        db.Add(new DemoAccount { UserId = user.Id, CreatedAt = now });
        await db.SaveChangesAsync(cancel);
        var today = DateOnly.FromDateTime(TimeZones.ToLocal(now, timeZone));
        var requests = DemoCheckIns.Generate(user.Id.GetHashCode(), today, timeZone).Where(r => r.OccurredAt <= now).ToList();
        var stored = await transfer.StoreAsync(user.Id, [.. requests.Select((r, i) => (i + 1, r))], cancel);
        if (!stored.Succeeded)
        {
            throw new InvalidOperationException($"The sample check-ins break a rule (item {stored.Line}): {stored.Problem}");
        }
        return user;
    }

    /// <summary>Erases demo accounts older than <see cref="Lifetime"/>, with everything in them (the database cascades).</summary>
    public async Task<int> EraseExpiredAsync(CancellationToken cancel)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Lifetime;
        var expired = db.Set<DemoAccount>().Where(d => d.CreatedAt < cutoff).Select(d => d.UserId);
        return await db.Users.Where(u => expired.Contains(u.Id)).ExecuteDeleteAsync(cancel);
    }
}

/// <summary>Erases expired demo accounts every hour.</summary>
public sealed class DemoCleanup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoCleanup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var erased = await scope.ServiceProvider.GetRequiredService<Demos>().EraseExpiredAsync(stoppingToken);
                if (erased > 0)
                {
                    log.LogInformation("Erased {Count} expired demo accounts", erased);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Erasing expired demo accounts failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
