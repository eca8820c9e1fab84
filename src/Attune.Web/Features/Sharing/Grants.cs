using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Sharing;

public sealed record GrantPartyDto(Guid? Id, string? Name, string? Email);

/// <summary>A grant as its owner or its (invited) grantee sees it.</summary>
public sealed record GrantDto(
    Guid Id,
    string Direction,
    string Kind,
    string Status,
    string[] Streams,
    int ConsentVersion,
    GrantPartyDto Owner,
    GrantPartyDto Grantee,
    DateTime CreatedAt,
    DateTime? AcceptedAt,
    DateTime? EndedAt);

public sealed record GrantListDto(List<GrantDto> Given, List<GrantDto> Received);

/// <summary>What a sharing operation came to; API endpoints and pages word each case their way, from the same facts.</summary>
public abstract record GrantOutcome
{
    public sealed record Done(GrantDto Grant) : GrantOutcome;

    public sealed record Ended : GrantOutcome;

    public sealed record NotFound : GrantOutcome;

    public sealed record Invalid(string Field, string Message) : GrantOutcome;

    public sealed record AlreadySharing(Guid ExistingId) : GrantOutcome;

    public sealed record TooMany(int Limit) : GrantOutcome;
}

/// <summary>
/// Inviting, accepting, changing and ending grants: one implementation for the API and the Sharing
/// pages. Grants are the access layer's own rows, so who may see or change one is decided here.
/// </summary>
public sealed class Grants(AttuneDb db, TimeProvider clock, ILookupNormalizer normalizer, IMailTransport mail, ILogger<Grants> log)
{
    /// <summary>Invitations one person can send in 24 hours: enough for a family, too few to spam with.</summary>
    public const int InvitesPerDay = 20;

    private const int EndedShown = 50;

    public async Task<GrantOutcome> InviteAsync(Guid me, string? email, IReadOnlyCollection<string>? streamNames, int? consentVersion, CancellationToken cancel)
    {
        var (address, textError) = TextRules.SingleLine(email, Grant.EmailMaxLength, "address", required: true);
        if (textError is not null || address is null || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(address))
        {
            return new GrantOutcome.Invalid("granteeEmail", "Please enter the email address of the person you want to share with.");
        }
        if (ParseStreams(streamNames) is not { } streams)
        {
            return StreamsProblem(streamNames);
        }
        if (consentVersion is { } seen && seen != SharingConsent.CurrentVersion)
        {
            return ConsentProblem();
        }
        var normalized = normalizer.NormalizeEmail(address);
        var self = await db.Users.Where(u => u.Id == me).Select(u => u.NormalizedEmail).FirstAsync(cancel);
        if (normalized == self)
        {
            return new GrantOutcome.Invalid("granteeEmail", "That is your own address. Your data is always yours to see.");
        }
        var existing = await db.Grants.Where(g => g.OwnerId == me && g.NormalizedGranteeEmail == normalized && g.Kind == GrantKind.Person
                && (g.Status == GrantStatus.Pending || g.Status == GrantStatus.Active))
            .Select(g => (Guid?)g.Id).FirstOrDefaultAsync(cancel);
        if (existing is { } id)
        {
            return new GrantOutcome.AlreadySharing(id);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var dayAgo = now.AddDays(-1);
        if (await db.Grants.CountAsync(g => g.OwnerId == me && g.CreatedAt > dayAgo, cancel) >= InvitesPerDay)
        {
            return new GrantOutcome.TooMany(InvitesPerDay);
        }
        var grant = new Grant
        {
            Id = Guid.CreateVersion7(),
            OwnerId = me,
            GranteeEmail = address,
            NormalizedGranteeEmail = normalized,
            Kind = GrantKind.Person,
            Streams = streams,
            Status = GrantStatus.Pending,
            ConsentVersion = SharingConsent.CurrentVersion,
            CreatedAt = now,
        };
        db.Grants.Add(grant);
        await db.SaveChangesAsync(cancel);
        await NotifyAsync(me, grant, cancel);
        return new GrantOutcome.Done((await FindDtoAsync(me, grant.Id, cancel))!);
    }

    public async Task<GrantListDto> ListAsync(Guid me, CancellationToken cancel)
    {
        var myEmail = await MyConfirmedEmailAsync(me, cancel);
        var rows = (await WithPeople(Visible(me, myEmail).OrderByDescending(g => g.CreatedAt).Take(500)).AsNoTracking().ToListAsync(cancel))
            .OrderByDescending(r => r.Grant.CreatedAt).Select(r => ToDto(r, me)).ToList();
        static bool Open(GrantDto g) => g.Status is "pending" or "active";
        var given = rows.Where(g => g.Direction == "given").ToList();
        var received = rows.Where(g => g.Direction == "received").ToList();
        return new GrantListDto(
            [.. given.Where(Open), .. given.Where(g => !Open(g)).Take(EndedShown)],
            [.. received.Where(Open), .. received.Where(g => !Open(g)).Take(EndedShown)]);
    }

    /// <summary>Every grant the person gave or received, ended ones included, oldest first: for their export.</summary>
    public async Task<GrantListDto> AllAsync(Guid me, CancellationToken cancel)
    {
        var myEmail = await MyConfirmedEmailAsync(me, cancel);
        var rows = (await WithPeople(Visible(me, myEmail)).AsNoTracking().ToListAsync(cancel))
            .OrderBy(r => r.Grant.CreatedAt).Select(r => ToDto(r, me)).ToList();
        return new GrantListDto([.. rows.Where(g => g.Direction == "given")], [.. rows.Where(g => g.Direction == "received")]);
    }

    public async Task<GrantDto?> FindDtoAsync(Guid me, Guid id, CancellationToken cancel)
    {
        var myEmail = await MyConfirmedEmailAsync(me, cancel);
        var row = await WithPeople(Visible(me, myEmail).Where(g => g.Id == id)).AsNoTracking().FirstOrDefaultAsync(cancel);
        return row is null ? null : ToDto(row, me);
    }

    public async Task<GrantOutcome> AcceptAsync(Guid me, Guid id, CancellationToken cancel)
    {
        var myEmail = await MyConfirmedEmailAsync(me, cancel);
        var now = clock.GetUtcNow().UtcDateTime;
        // One statement, so two clicks (or two people) cannot both bind the same invitation.
        var accepted = myEmail is null ? 0 : await db.Grants
            .Where(g => g.Id == id && g.Status == GrantStatus.Pending && g.NormalizedGranteeEmail == myEmail && g.OwnerId != me)
            .ExecuteUpdateAsync(u => u
                .SetProperty(g => g.Status, GrantStatus.Active)
                .SetProperty(g => g.GranteeId, me)
                .SetProperty(g => g.AcceptedAt, now), cancel);
        var dto = await FindDtoAsync(me, id, cancel);
        // Accepting what one already holds is fine; anything else that is not a pending invitation of theirs is not found.
        return accepted == 1 || dto is { Direction: "received", Status: "active" }
            ? new GrantOutcome.Done(dto!)
            : new GrantOutcome.NotFound();
    }

    /// <summary>The owner revokes, the grantee leaves, the invitee declines; for anyone else it does not exist.</summary>
    public async Task<GrantOutcome> EndAsync(Guid me, Guid id, CancellationToken cancel)
    {
        var myEmail = await MyConfirmedEmailAsync(me, cancel);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Grants.AnyAsync(g => g.Id == id && g.Kind == GrantKind.Partner && g.Status == GrantStatus.Active && (g.OwnerId == me || g.GranteeId == me), cancel))
        {
            // Half of a partner link: ending either half unlinks both ways, as Together's unlink does.
            await db.Grants.Where(g => g.Kind == GrantKind.Partner && g.Status == GrantStatus.Active && g.OwnerId == me)
                .ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, GrantStatus.Revoked).SetProperty(g => g.EndedAt, now), cancel);
            await db.Grants.Where(g => g.Kind == GrantKind.Partner && g.Status == GrantStatus.Active && g.GranteeId == me)
                .ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, GrantStatus.Left).SetProperty(g => g.EndedAt, now), cancel);
            return new GrantOutcome.Ended();
        }
        var changed = await db.Grants.Where(g => g.Id == id && g.OwnerId == me && (g.Status == GrantStatus.Pending || g.Status == GrantStatus.Active))
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, GrantStatus.Revoked).SetProperty(g => g.EndedAt, now), cancel);
        changed += await db.Grants.Where(g => g.Id == id && g.GranteeId == me && g.Status == GrantStatus.Active)
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, GrantStatus.Left).SetProperty(g => g.EndedAt, now), cancel);
        if (myEmail is not null)
        {
            changed += await db.Grants.Where(g => g.Id == id && g.GranteeId == null && g.NormalizedGranteeEmail == myEmail && g.Status == GrantStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, GrantStatus.Declined).SetProperty(g => g.EndedAt, now), cancel);
        }
        if (changed > 0)
        {
            return new GrantOutcome.Ended();
        }
        // Ending what has already ended is a no-op for the people it belongs to.
        return await FindDtoAsync(me, id, cancel) is not null ? new GrantOutcome.Ended() : new GrantOutcome.NotFound();
    }

    /// <summary>The owner changes which streams a pending or active grant covers; it applies from the next request.</summary>
    public async Task<GrantOutcome> ChangeStreamsAsync(Guid me, Guid id, IReadOnlyCollection<string>? streamNames, int? consentVersion, CancellationToken cancel)
    {
        if (ParseStreams(streamNames) is not { } streams)
        {
            return StreamsProblem(streamNames);
        }
        if (consentVersion is { } seen && seen != SharingConsent.CurrentVersion)
        {
            return ConsentProblem();
        }
        if (await db.Grants.AnyAsync(g => g.Id == id && g.OwnerId == me && g.Kind == GrantKind.Partner, cancel))
        {
            // A partner link always shares time together: that is what the link is.
            streams |= DataStream.Together;
        }
        var changed = await db.Grants.Where(g => g.Id == id && g.OwnerId == me && (g.Status == GrantStatus.Pending || g.Status == GrantStatus.Active))
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.Streams, streams).SetProperty(g => g.ConsentVersion, SharingConsent.CurrentVersion), cancel);
        return changed == 0 ? new GrantOutcome.NotFound() : new GrantOutcome.Done((await FindDtoAsync(me, id, cancel))!);
    }

    /// <summary>Grants given by me, held by me, or waiting for my confirmed address.</summary>
    private IQueryable<Grant> Visible(Guid me, string? myEmail) =>
        db.Grants.Where(g => g.OwnerId == me || g.GranteeId == me
            || (myEmail != null && g.GranteeId == null && g.Status == GrantStatus.Pending && g.NormalizedGranteeEmail == myEmail));

    private sealed record Row(Grant Grant, string OwnerName, string? OwnerEmail, string? GranteeName, string? GranteeAccountEmail);

    private IQueryable<Row> WithPeople(IQueryable<Grant> grants) =>
        from g in grants
        join o in db.Users on g.OwnerId equals o.Id
        join u in db.Users on g.GranteeId equals u.Id into held
        from u in held.DefaultIfEmpty()
        select new Row(g, o.DisplayName, o.Email, u == null ? null : u.DisplayName, u == null ? null : u.Email);

    /// <summary>
    /// The owner sees the address they typed (and the name once accepted); the grantee sees who is sharing.
    /// </summary>
    private static GrantDto ToDto(Row r, Guid me)
    {
        var g = r.Grant;
        var given = g.OwnerId == me;
        return new GrantDto(
            g.Id,
            given ? "given" : "received",
            g.Kind.ToString().ToLowerInvariant(),
            g.Status.ToString().ToLowerInvariant(),
            DataStreams.Names(g.Streams),
            g.ConsentVersion,
            new GrantPartyDto(g.OwnerId, r.OwnerName, r.OwnerEmail),
            new GrantPartyDto(g.GranteeId, r.GranteeName, given ? g.GranteeEmail : r.GranteeAccountEmail ?? g.GranteeEmail),
            g.CreatedAt,
            g.AcceptedAt,
            g.EndedAt);
    }

    /// <summary>Invitations bind only to an address its holder has confirmed.</summary>
    private Task<string?> MyConfirmedEmailAsync(Guid me, CancellationToken cancel) =>
        db.Users.Where(u => u.Id == me && u.EmailConfirmed).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(cancel);

    private static DataStream? ParseStreams(IReadOnlyCollection<string>? names)
    {
        if (names is null || names.Count == 0 || names.Count > 10)
        {
            return null;
        }
        var streams = DataStream.None;
        foreach (var name in names)
        {
            if (DataStreams.Parse(name) is not { } stream)
            {
                return null;
            }
            streams |= stream;
        }
        return streams;
    }

    private static GrantOutcome.Invalid StreamsProblem(IReadOnlyCollection<string>? names) => new("streams",
        names is null || names.Count == 0
            ? "Please choose at least one kind of data to share."
            : $"Please choose from: {string.Join(", ", DataStreams.Available.Select(DataStreams.Name))}.");

    private static GrantOutcome.Invalid ConsentProblem() => new("consentVersion",
        "The sharing terms have changed since you read them. Please read them again before you share.");

    private async Task NotifyAsync(Guid me, Grant grant, CancellationToken cancel)
    {
        var owner = await db.Users.Where(u => u.Id == me).Select(u => new { u.DisplayName, u.Email }).FirstAsync(cancel);
        var who = System.Net.WebUtility.HtmlEncode(string.IsNullOrWhiteSpace(owner.DisplayName) ? owner.Email : $"{owner.DisplayName} ({owner.Email})");
        var what = System.Net.WebUtility.HtmlEncode(DataStreams.Describe(grant.Streams));
        try
        {
            await mail.SendAsync(grant.GranteeEmail, "Someone would like to share with you on Attune",
                $"<p>Hello,</p><p>{who} would like to share their {what} with you on Attune.</p>"
                + "<p>To see it, sign in to Attune with this email address (or create an account with it) and open Settings, Sharing. "
                + "Nothing is shared until you accept, and you can step away at any time.</p><p>Warmly,<br>Attune</p>");
        }
        catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or InvalidOperationException)
        {
            // The invitation stands either way: the invitee sees it when they sign in.
            log.LogWarning(e, "Could not send the email for invitation {GrantId}", grant.Id);
        }
    }
}
