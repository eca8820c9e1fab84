using Attune.Analysis.Dyadic;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Attune.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Together;

/// <summary>Start or join a repair: how I am before it (<c>connected</c> | <c>activated</c> | <c>shutDown</c>); <c>ruptureAt</c>: when things went wrong (now when left out, at most two days back).</summary>
public sealed record RepairStartRequest(string? StateBefore, DateTimeOffset? RuptureAt = null);

/// <summary>Finish my side: how I am after, what I tended to do (<c>pursue</c> | <c>withdraw</c> | <c>escalate</c> | <c>soften</c>), and (the starter's) small agreement.</summary>
public sealed record RepairCompleteRequest(string? StateAfter, string? Move = null, string? Agreement = null);

public sealed record RepairPartDto(string StateBefore, string? StateAfter, string? Move, DateTime JoinedAt, DateTime? DoneAt);

/// <summary>A repair as either partner sees it: <c>mine</c> and <c>partner</c> are each side.</summary>
public sealed record RepairDto(
    Guid Id,
    bool StartedByMe,
    string With,
    DateTime RuptureAt,
    DateTime StartedAt,
    DateTime? CompletedAt,
    double? MinutesToReconnect,
    string? Agreement,
    RepairPartDto? Mine,
    RepairPartDto? Partner);

public abstract record RepairOutcome
{
    public sealed record Done(RepairDto Repair, bool Created) : RepairOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : RepairOutcome;

    public sealed record NotFound : RepairOutcome;
}

/// <summary>
/// The repair ritual's record: who started it, both people's states before and after, what each tended to do, the
/// agreement, and the minutes from rupture to reconnection. Each person writes only their own side; the other side is
/// read through <see cref="Access"/> under the partner's together grant.
/// </summary>
public sealed class Repairs(AttuneDb db, Access access, Partners partners, Breaks breaks, TimeProvider clock)
{
    /// <summary>A repair not finished within this time no longer counts as under way.</summary>
    public static readonly TimeSpan OpenFor = TimeSpan.FromHours(24);

    public async Task<RepairOutcome> StartAsync(Guid me, RepairStartRequest request, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        var before = StateNames.Parse(request.StateBefore);
        if (before is null)
        {
            errors["stateBefore"] = ["Please choose how you are right now: connected, activated or shut down."];
        }
        var ruptureAt = request.RuptureAt?.UtcDateTime ?? now;
        if (ruptureAt > now.AddMinutes(1) || ruptureAt < now.AddDays(-2))
        {
            errors["ruptureAt"] = ["Please choose a moment in the last two days, not in the future."];
        }
        if (errors.Count > 0)
        {
            return new RepairOutcome.Invalid(errors);
        }
        if (await partners.CurrentAsync(me, cancel) is not { } partner)
        {
            return new RepairOutcome.Invalid(new() { ["partner"] = ["A repair is something two linked partners do together. Link with your partner first."] });
        }
        if (await OpenAsync(me, partner.Id, cancel) is { } open)
        {
            return open.StartedByMe || open.Mine is not null
                ? new RepairOutcome.Done(open, Created: false)
                : new RepairOutcome.Invalid(new() { ["repair"] = [$"{partner.Name} has already started a repair. Join theirs."] });
        }
        var repair = new Repair { Id = Guid.CreateVersion7(), OwnerId = me, PartnerId = partner.Id, RuptureAt = ruptureAt, StartedAt = now };
        db.Add(repair);
        db.Add(new RepairPart { Id = Guid.CreateVersion7(), OwnerId = me, RepairId = repair.Id, StateBefore = before!.Value, JoinedAt = now });
        await db.SaveChangesAsync(cancel);
        await breaks.TellPartnerAsync(me, Breaks.RepairPayload, "partner-repair", cancel);
        return new RepairOutcome.Done((await FindAsync(me, repair.Id, cancel))!, Created: true);
    }

    /// <summary>The partner joins the repair their partner started with them; joining again is a no-op.</summary>
    public async Task<RepairOutcome> JoinAsync(Guid me, Guid id, RepairStartRequest request, CancellationToken cancel)
    {
        if (await JoinableAsync(me, id, cancel) is not { } repair)
        {
            return new RepairOutcome.NotFound();
        }
        if (StateNames.Parse(request.StateBefore) is not { } before)
        {
            return new RepairOutcome.Invalid(new() { ["stateBefore"] = ["Please choose how you are right now: connected, activated or shut down."] });
        }
        if (!await access.Own<RepairPart>(me).AnyAsync(p => p.RepairId == id, cancel))
        {
            db.Add(new RepairPart { Id = Guid.CreateVersion7(), OwnerId = me, RepairId = repair.Id, StateBefore = before, JoinedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancel);
            }
            catch (DbUpdateException)
            {
                // A second tap at the same moment: the first join stands (the unique index keeps one side per person).
                db.ChangeTracker.Clear();
                if (!await access.Own<RepairPart>(me).AnyAsync(p => p.RepairId == id, cancel))
                {
                    throw;
                }
            }
        }
        return new RepairOutcome.Done((await FindAsync(me, id, cancel))!, Created: false);
    }

    public async Task<RepairOutcome> CompleteAsync(Guid me, Guid id, RepairCompleteRequest request, CancellationToken cancel)
    {
        var mine = await access.Own<RepairPart>(me).FirstOrDefaultAsync(p => p.RepairId == id, cancel);
        var repair = await access.FindAsync<Repair, Repair>(me, id, r => r, cancel);
        if (mine is null || repair is null || (repair.OwnerId != me && !await IsCurrentPartnerAsync(me, repair.OwnerId, cancel)))
        {
            return new RepairOutcome.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var after = StateNames.Parse(request.StateAfter);
        if (after is null)
        {
            errors["stateAfter"] = ["Please choose how you are now: connected, activated or shut down."];
        }
        ConflictMove? move = null;
        if (!string.IsNullOrWhiteSpace(request.Move))
        {
            move = ParseMove(request.Move);
            if (move is null)
            {
                errors["move"] = ["Please choose pursue, withdraw, escalate or soften, or leave it out."];
            }
        }
        var (agreement, agreementError) = TextRules.SingleLine(request.Agreement, Repair.AgreementMaxLength, "agreement", required: false);
        if (agreementError is not null)
        {
            errors["agreement"] = [agreementError];
        }
        if (errors.Count > 0)
        {
            return new RepairOutcome.Invalid(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        mine.StateAfter = after;
        mine.Move = move;
        mine.DoneAt ??= now;
        if (repair.OwnerId == me)
        {
            await access.Own<Repair>(me).Where(r => r.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.CompletedAt, r => r.CompletedAt ?? now)
                .SetProperty(r => r.Agreement, string.IsNullOrEmpty(agreement) ? null : agreement), cancel);
        }
        await db.SaveChangesAsync(cancel);
        return new RepairOutcome.Done((await FindAsync(me, id, cancel))!, Created: false);
    }

    public async Task<RepairDto?> FindAsync(Guid me, Guid id, CancellationToken cancel) =>
        (await ListAsync(me, q => q.Where(r => r.Id == id), cancel)).FirstOrDefault();

    /// <summary>The repair under way between me and my partner (started by either), if any.</summary>
    public async Task<RepairDto?> OpenAsync(Guid me, Guid partner, CancellationToken cancel)
    {
        var since = clock.GetUtcNow().UtcDateTime - OpenFor;
        return (await ListAsync(me, q => q.Where(r => r.CompletedAt == null && r.StartedAt > since
            && ((r.OwnerId == me && r.PartnerId == partner) || (r.OwnerId == partner && r.PartnerId == me))), cancel)).FirstOrDefault();
    }

    /// <summary>Repairs between me and whoever I did them with, newest first, with both sides as far as I may see them.</summary>
    public async Task<List<RepairDto>> ListAsync(Guid me, Func<IQueryable<Repair>, IQueryable<Repair>> shape, CancellationToken cancel)
    {
        // Mine, and those my partner started with me (theirs are visible only while their grant covers time together).
        var rows = (await access.ListAsync<Repair, Repair>(me, Whose.All,
            q => shape(q.Where(r => r.OwnerId == me || r.PartnerId == me)).OrderByDescending(r => r.StartedAt).Take(200), r => r, cancel))
            .Select(r => r.Value).ToList();
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(r => r.Id).ToList();
        var parts = (await access.ListAsync<RepairPart, RepairPart>(me, Whose.All, q => q.Where(p => ids.Contains(p.RepairId)), p => p, cancel))
            .Select(p => p.Value).ToList();
        var names = await People.NamesAsync(db, rows.Select(r => r.OwnerId == me ? r.PartnerId : r.OwnerId), cancel);
        return [.. rows.Select(r =>
        {
            var other = r.OwnerId == me ? r.PartnerId : r.OwnerId;
            return new RepairDto(
                r.Id,
                r.OwnerId == me,
                names.GetValueOrDefault(other, "your partner"),
                r.RuptureAt,
                r.StartedAt,
                r.CompletedAt,
                r.CompletedAt is { } done ? Math.Round((done - r.RuptureAt).TotalMinutes, 1) : null,
                r.Agreement,
                Part(parts.FirstOrDefault(p => p.RepairId == r.Id && p.OwnerId == me)),
                Part(parts.FirstOrDefault(p => p.RepairId == r.Id && p.OwnerId == other)));
        })];
    }

    /// <summary>A repair my current partner started with me, still under way.</summary>
    private async Task<Repair?> JoinableAsync(Guid me, Guid id, CancellationToken cancel)
    {
        var repair = await access.FindAsync<Repair, Repair>(me, id, r => r, cancel);
        var since = clock.GetUtcNow().UtcDateTime - OpenFor;
        return repair is { Value: var r } && r.PartnerId == me && r.CompletedAt == null && r.StartedAt > since
            && await IsCurrentPartnerAsync(me, r.OwnerId, cancel) ? r : null;
    }

    private async Task<bool> IsCurrentPartnerAsync(Guid me, Guid other, CancellationToken cancel) =>
        await partners.CurrentAsync(me, cancel) is { } p && p.Id == other;

    public static ConflictMove? ParseMove(string? name) =>
        Enum.TryParse<ConflictMove>(name?.Trim(), ignoreCase: true, out var move) && Enum.IsDefined(move) && !int.TryParse(name, out _) ? move : null;

    public static string MoveName(ConflictMove move) => move.ToString().ToLowerInvariant();

    private static RepairPartDto? Part(RepairPart? p) => p is null ? null : new RepairPartDto(
        StateNames.Of(p.StateBefore), p.StateAfter is { } a ? StateNames.Of(a) : null, p.Move is { } m ? MoveName(m) : null, p.JoinedAt, p.DoneAt);
}
