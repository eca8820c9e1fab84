using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns.Reminders;
using Attune.Web.Features.Sharing;
using Attune.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Together;

/// <summary>
/// A break: <c>minutes</c> from now (20 when left out, 20 to 240), or <c>returnAt</c> (at least 20 minutes ahead);
/// <c>note</c>: a few kind words for the partner.
/// </summary>
public sealed record BreakRequest(int? Minutes = null, DateTimeOffset? ReturnAt = null, string? Note = null);

/// <summary>A break as its owner or their partner sees it; <c>mine</c> says whose.</summary>
public sealed record BreakDto(Guid Id, bool Mine, DateTime StartedAt, DateTime ReturnAt, DateTime? EndedAt, string? Note);

public abstract record BreakOutcome
{
    public sealed record Started(BreakDto Break, bool PartnerTold) : BreakOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : BreakOutcome;
}

/// <summary>Flooding breaks: start one (the partner is told kindly), come back, and the reminder to both at the time.</summary>
public sealed class Breaks(AttuneDb db, Access access, Partners partners, PushMessages push, TimeProvider clock)
{
    public const int MinimumMinutes = 20;
    public const int MaximumMinutes = 240;

    /// <summary>A push about a break is worth little after the break is over.</summary>
    private const int PushTimeToLiveSeconds = 20 * 60;

    public async Task<BreakOutcome> StartAsync(Guid me, BreakRequest request, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        DateTime returnAt;
        if (request.ReturnAt is { } at)
        {
            returnAt = at.UtcDateTime;
            if (returnAt <= now)
            {
                errors["returnAt"] = ["That time has already passed. Please choose when you'll be back, at least twenty minutes from now."];
            }
            else if (returnAt < now.AddMinutes(MinimumMinutes).AddSeconds(-30))
            {
                errors["returnAt"] = [$"Please give yourself at least {MinimumMinutes} minutes: that's how long a body takes to settle."];
            }
            else if (returnAt > now.AddMinutes(MaximumMinutes))
            {
                errors["returnAt"] = ["A break lasts at most four hours. You can always start another."];
            }
        }
        else
        {
            var minutes = request.Minutes ?? MinimumMinutes;
            if (minutes is < MinimumMinutes or > MaximumMinutes)
            {
                errors["minutes"] = [$"A break lasts from {MinimumMinutes} minutes to four hours."];
            }
            returnAt = now.AddMinutes(minutes);
        }
        var (note, noteError) = TextRules.SingleLine(request.Note, FloodingBreak.NoteMaxLength, "note", required: false);
        if (noteError is not null)
        {
            errors["note"] = [noteError];
        }
        if (errors.Count > 0)
        {
            return new BreakOutcome.Invalid(errors);
        }
        if (await OpenAsync(me, cancel) is { } open)
        {
            var zone = await TimeZones.OfUserAsync(db, me, cancel);
            return new BreakOutcome.Invalid(new() { ["break"] = [$"You're already on a break until {TimeZones.FormatAs(open.ReturnAt, zone, "HH:mm")}. Take your time."] });
        }
        var entity = new FloodingBreak
        {
            Id = Guid.CreateVersion7(),
            OwnerId = me,
            StartedAt = now,
            ReturnAt = returnAt,
            Note = string.IsNullOrEmpty(note) ? null : note,
        };
        db.Add(entity);
        await db.SaveChangesAsync(cancel);
        var told = await TellPartnerAsync(me, BreakPayload, "partner-break", cancel);
        return new BreakOutcome.Started(ToDto(entity, me), told);
    }

    /// <summary>"I'm back": ends the caller's open break; false when there is none.</summary>
    public async Task<bool> EndAsync(Guid me, Guid id, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await access.Own<FloodingBreak>(me).Where(b => b.Id == id && b.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.EndedAt, now), cancel) == 1
            || await access.Own<FloodingBreak>(me).AnyAsync(b => b.Id == id, cancel);
    }

    public async Task<BreakDto?> FindAsync(Guid me, Guid id, CancellationToken cancel) =>
        await access.FindAsync<FloodingBreak, FloodingBreak>(me, id, b => b, cancel) is { } read ? ToDto(read.Value, me) : null;

    /// <summary>The caller's break under way, if any.</summary>
    public async Task<BreakDto?> OpenAsync(Guid me, CancellationToken cancel) =>
        await access.Own<FloodingBreak>(me).AsNoTracking().Where(b => b.EndedAt == null && b.ReturnAt > clock.GetUtcNow().UtcDateTime.AddHours(-12))
            .OrderByDescending(b => b.StartedAt).FirstOrDefaultAsync(cancel) is { } b ? ToDto(b, me) : null;

    /// <summary>The partner's break under way (or just over, not yet marked back), when they share time together with me.</summary>
    public async Task<BreakDto?> PartnersOpenAsync(Guid me, Guid partner, CancellationToken cancel)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-12);
        var rows = await access.ListAsync<FloodingBreak, FloodingBreak>(me, Whose.Shared,
            q => q.Where(b => b.OwnerId == partner && b.EndedAt == null && b.ReturnAt > since).OrderByDescending(b => b.StartedAt).Take(1),
            b => b, cancel);
        return rows.Count == 0 ? null : ToDto(rows[0].Value, me);
    }

    /// <summary>Breaks by either partner, newest first, as far as the caller may see them.</summary>
    public async Task<List<BreakDto>> HistoryAsync(Guid me, Guid? partner, int limit, CancellationToken cancel) =>
        [.. (await access.ListAsync<FloodingBreak, FloodingBreak>(me, Whose.All,
            q => q.Where(b => b.OwnerId == me || b.OwnerId == partner).OrderByDescending(b => b.StartedAt).Take(limit), b => b, cancel))
            .Select(r => ToDto(r.Value, me))];

    /// <summary>
    /// Sends "time to come back" for every break whose moment has come, once across nodes: a conditional update claims
    /// each break, and only the node whose update succeeded pushes, to the person and their partner.
    /// </summary>
    public async Task<int> SendReturnRemindersAsync(CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A job acting for nobody in particular: it reads when breaks end, never what they say.
        var due = await Access.Unchecked<FloodingBreak>(db).AsNoTracking()
            .Where(b => b.EndedAt == null && b.ReturnReminderSentAt == null && b.ReturnAt <= now && b.ReturnAt > now.AddHours(-1))
            .OrderBy(b => b.ReturnAt).Take(200).Select(b => new { b.Id, b.OwnerId }).ToListAsync(cancel);
        var sent = 0;
        foreach (var b in due)
        {
            var claimed = await access.Own<FloodingBreak>(b.OwnerId).Where(x => x.Id == b.Id && x.ReturnReminderSentAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ReturnReminderSentAt, now), cancel) == 1;
            if (!claimed)
            {
                continue;
            }
            if (await WantsPushAsync(b.OwnerId, cancel))
            {
                sent += await push.SendAsync(await push.BrowsersAsync(b.OwnerId, cancel), ReturnPayload, "partner-break", PushTimeToLiveSeconds, cancel);
            }
            await TellPartnerAsync(b.OwnerId, ReturnPayload, "partner-break", cancel);
        }
        return sent;
    }

    /// <summary>Pushes to the person's partner when the partner asked for it; true when at least one browser took it.</summary>
    public async Task<bool> TellPartnerAsync(Guid me, string payload, string topic, CancellationToken cancel)
    {
        if (await partners.CurrentAsync(me, cancel) is not { } partner || !await WantsPushAsync(partner.Id, cancel))
        {
            return false;
        }
        return await push.SendAsync(await push.BrowsersAsync(partner.Id, cancel), payload, topic, PushTimeToLiveSeconds, cancel) > 0;
    }

    private Task<bool> WantsPushAsync(Guid person, CancellationToken cancel) =>
        access.Own<TogetherPreferences>(person).AnyAsync(p => p.NotifyByPush, cancel);

    /// <summary>No names, no states: a lock screen may show it to anyone nearby.</summary>
    public static readonly string BreakPayload = JsonSerializer.Serialize(new
    {
        title = "A pause, with care",
        body = "Your partner is taking a short break to settle, and will come back. Nothing you need to do.",
        url = "/together",
    });

    public static readonly string ReturnPayload = JsonSerializer.Serialize(new
    {
        title = "Time to come back together",
        body = "The break is over. Meet again gently, when you're both ready.",
        url = "/together",
    });

    public static readonly string RepairPayload = JsonSerializer.Serialize(new
    {
        title = "An invitation to reconnect",
        body = "Your partner would like to repair. Open Attune to join when you're ready.",
        url = "/together",
    });

    private static BreakDto ToDto(FloodingBreak b, Guid me) => new(b.Id, b.OwnerId == me, b.StartedAt, b.ReturnAt, b.EndedAt, b.Note);
}
