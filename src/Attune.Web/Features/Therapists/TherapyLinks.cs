using System.Security.Cryptography;
using System.Text;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Therapists;

/// <summary>A new invitation code, shown once to the therapist.</summary>
public sealed record TherapistInviteDto(string Code, DateTime ExpiresAt, bool Emailed);

/// <summary>One consent in a client's ledger: who, what, which text, when.</summary>
public sealed record ConsentDto(
    Guid Id, Guid TherapistId, string Therapist, string Practice, string Status, string[] Streams, int ConsentVersion,
    IReadOnlyList<string> ConsentText, DateTime GivenAt, DateTime? EndedAt);

public abstract record LinkOutcome
{
    public sealed record Invited(TherapistInviteDto Invite) : LinkOutcome;

    public sealed record Consented(ConsentDto Consent) : LinkOutcome;

    public sealed record Invalid(string Field, string Message) : LinkOutcome;

    public sealed record NotFound : LinkOutcome;
}

/// <summary>
/// How a client and a therapist come together: the therapist makes a code (and may email it), the client enters it and
/// chooses what to share, which makes one <see cref="GrantKind.Therapist"/> grant in the access layer with the consent text's
/// version. Changing what is shared ends that grant and makes a new one, so the ledger keeps every version of the consent.
/// </summary>
public sealed class TherapyLinks(AttuneDb db, TimeProvider clock, IMailTransport mail, ILogger<TherapyLinks> log)
{
    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(14);

    public const int InvitesPerDay = 50;

    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 8;

    /// <summary>The streams <paramref name="therapist"/> may see of <paramref name="client"/> right now; None when not their client.</summary>
    public static async Task<DataStream> ConsentedAsync(AttuneDb db, Guid therapist, Guid client, CancellationToken cancel)
    {
        var streams = await db.Grants.AsNoTracking()
            .Where(g => g.Kind == GrantKind.Therapist && g.Status == GrantStatus.Active && g.GranteeId == therapist && g.OwnerId == client)
            .Select(g => g.Streams).ToListAsync(cancel);
        return streams.Aggregate(DataStream.None, (a, s) => a | s);
    }

    public async Task<LinkOutcome> InviteAsync(Guid therapist, string? email, CancellationToken cancel)
    {
        string? address = null;
        if (!string.IsNullOrWhiteSpace(email))
        {
            address = email.Trim();
            if (address.Length > Grant.EmailMaxLength || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(address))
            {
                return new LinkOutcome.Invalid("email", "That doesn't look like an email address. Leave it empty to pass the code on yourself.");
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Set<TherapistInvite>().CountAsync(i => i.TherapistId == therapist && i.CreatedAt > now.AddDays(-1), cancel) >= InvitesPerDay)
        {
            return new LinkOutcome.Invalid("email", $"You can make {InvitesPerDay} codes a day. Please try again tomorrow.");
        }
        var code = RandomNumberGenerator.GetString(Alphabet, CodeLength);
        db.Add(new TherapistInvite { Id = Guid.CreateVersion7(), TherapistId = therapist, CodeHash = Hash(code), CreatedAt = now, ExpiresAt = now + InviteLifetime });
        await db.SaveChangesAsync(cancel);
        var shown = code[..4] + "-" + code[4..];
        var emailed = address is not null && await SendAsync(therapist, address, shown, cancel);
        return new LinkOutcome.Invited(new TherapistInviteDto(shown, now + InviteLifetime, emailed));
    }

    /// <summary>
    /// The client enters a code and chooses streams having read consent text <paramref name="consentVersion"/>. A wrong, used,
    /// withdrawn or expired code is not found; nothing is stored then.
    /// </summary>
    public async Task<LinkOutcome> AcceptAsync(Guid client, string? code, IReadOnlyCollection<string>? streamNames, int? consentVersion, CancellationToken cancel)
    {
        var plain = code is null || code.Length > 40 ? null
            : new string([.. code.Where(c => !char.IsWhiteSpace(c) && c != '-')]).ToUpperInvariant();
        if (plain is null || plain.Length != CodeLength || !plain.All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return new LinkOutcome.NotFound();
        }
        if (TherapistConsent.Parse(streamNames) is not { } streams)
        {
            return new LinkOutcome.Invalid("streams", TherapistConsent.StreamsProblem);
        }
        if (consentVersion != TherapistConsent.CurrentVersion)
        {
            return new LinkOutcome.Invalid("consentVersion", "Please read what sharing with a therapist means (the text has changed) and agree to it.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Hash(plain);
        var invite = await db.Set<TherapistInvite>().AsNoTracking()
            .FirstOrDefaultAsync(i => i.CodeHash == hash && i.AcceptedAt == null && i.CancelledAt == null && i.ExpiresAt > now, cancel);
        if (invite is null || !await TherapistRoles.IsTherapistAsync(db, invite.TherapistId, cancel))
        {
            return new LinkOutcome.NotFound();
        }
        if (invite.TherapistId == client)
        {
            return new LinkOutcome.Invalid("code", "That is your own code. Please pass it to your client.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var claimed = await db.Set<TherapistInvite>().Where(i => i.Id == invite.Id && i.AcceptedAt == null && i.CancelledAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedBy, client), cancel);
        if (claimed != 1)
        {
            return new LinkOutcome.NotFound();
        }
        // One consent per therapist at a time: a new code from the same therapist replaces what was shared before.
        await EndGrantsAsync(client, invite.TherapistId, now, cancel);
        var grant = await NewGrantAsync(client, invite.TherapistId, streams, now, cancel);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return new LinkOutcome.Consented((await LedgerAsync(client, cancel)).First(c => c.Id == grant.Id));
    }

    /// <summary>Every consent the client gave a therapist, current first, then ended ones newest first.</summary>
    public async Task<List<ConsentDto>> LedgerAsync(Guid client, CancellationToken cancel)
    {
        var rows = await (
                from g in db.Grants.AsNoTracking()
                where g.OwnerId == client && g.Kind == GrantKind.Therapist
                join u in db.Users on g.GranteeId equals u.Id into held
                from u in held.DefaultIfEmpty()
                join t in db.Set<Therapist>() on g.GranteeId equals t.UserId into roles
                from t in roles.DefaultIfEmpty()
                join p in db.Set<TherapyPractice>() on t.PracticeId equals p.Id into practices
                from p in practices.DefaultIfEmpty()
                orderby g.CreatedAt descending
                select new { Grant = g, Name = u == null ? null : u.DisplayName, Email = u == null ? null : u.Email, Practice = p == null ? null : p.Name })
            .Take(200).ToListAsync(cancel);
        return [.. rows
            .OrderBy(r => r.Grant.Status == GrantStatus.Active ? 0 : 1).ThenByDescending(r => r.Grant.CreatedAt)
            .Select(r => new ConsentDto(r.Grant.Id, r.Grant.GranteeId ?? Guid.Empty,
                r.Grant.GranteeId is null ? "An account that has since been deleted" : string.IsNullOrWhiteSpace(r.Name) ? r.Email ?? "someone" : r.Name,
                r.Practice ?? "", r.Grant.Status.ToString().ToLowerInvariant(), DataStreams.Names(r.Grant.Streams), r.Grant.ConsentVersion,
                TherapistConsent.Versions.GetValueOrDefault(r.Grant.ConsentVersion, []), r.Grant.AcceptedAt ?? r.Grant.CreatedAt, r.Grant.EndedAt))];
    }

    /// <summary>The client changes what one therapist sees: the old consent ends and a new one (with the current text) starts.</summary>
    public async Task<LinkOutcome> ChangeAsync(Guid client, Guid grantId, IReadOnlyCollection<string>? streamNames, int? consentVersion, CancellationToken cancel)
    {
        if (TherapistConsent.Parse(streamNames) is not { } streams)
        {
            return new LinkOutcome.Invalid("streams", TherapistConsent.StreamsProblem);
        }
        if (consentVersion != TherapistConsent.CurrentVersion)
        {
            return new LinkOutcome.Invalid("consentVersion", "Please read what sharing with a therapist means (the text has changed) and agree to it.");
        }
        var therapist = await ActiveGrants(client).Where(g => g.Id == grantId).Select(g => g.GranteeId).FirstOrDefaultAsync(cancel);
        if (therapist is not { } id)
        {
            return new LinkOutcome.NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await EndGrantsAsync(client, id, now, cancel);
        var grant = await NewGrantAsync(client, id, streams, now, cancel);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return new LinkOutcome.Consented((await LedgerAsync(client, cancel)).First(c => c.Id == grant.Id));
    }

    /// <summary>The client stops sharing with a therapist altogether: in force on the therapist's next request.</summary>
    public async Task<bool> RevokeAsync(Guid client, Guid grantId, CancellationToken cancel)
    {
        var therapist = await ActiveGrants(client).Where(g => g.Id == grantId).Select(g => g.GranteeId).FirstOrDefaultAsync(cancel);
        if (therapist is not { } id)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await EndGrantsAsync(client, id, now, cancel);
        await db.Set<Homework>().Where(h => h.ClientId == client && h.TherapistId == id && h.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.EndedAt, now), cancel);
        return true;
    }

    private IQueryable<Grant> ActiveGrants(Guid client) =>
        db.Grants.Where(g => g.OwnerId == client && g.Kind == GrantKind.Therapist && g.Status == GrantStatus.Active);

    private Task<int> EndGrantsAsync(Guid client, Guid therapist, DateTime now, CancellationToken cancel) =>
        ActiveGrants(client).Where(g => g.GranteeId == therapist)
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, GrantStatus.Revoked).SetProperty(g => g.EndedAt, now), cancel);

    private async Task<Grant> NewGrantAsync(Guid client, Guid therapist, DataStream streams, DateTime now, CancellationToken cancel)
    {
        var email = await db.Users.Where(u => u.Id == therapist).Select(u => new { u.Email, u.NormalizedEmail }).FirstAsync(cancel);
        var grant = new Grant
        {
            Id = Guid.CreateVersion7(),
            OwnerId = client,
            GranteeId = therapist,
            GranteeEmail = email.Email ?? "",
            NormalizedGranteeEmail = email.NormalizedEmail ?? "",
            Kind = GrantKind.Therapist,
            Streams = streams,
            Status = GrantStatus.Active,
            ConsentVersion = TherapistConsent.CurrentVersion,
            CreatedAt = now,
            AcceptedAt = now,
        };
        db.Grants.Add(grant);
        return grant;
    }

    private async Task<bool> SendAsync(Guid therapist, string address, string code, CancellationToken cancel)
    {
        var name = (await People.NamesAsync(db, [therapist], cancel)).GetValueOrDefault(therapist, "Your therapist");
        try
        {
            await mail.SendAsync(address, "Your therapist invited you to Attune",
                $"<p>Hello,</p><p>{System.Net.WebUtility.HtmlEncode(name)} invited you to share some of what you keep in Attune between sessions.</p>"
                + $"<p>Sign in to Attune (or create an account), open Settings, Therapist, and enter this code: <strong>{code}</strong></p>"
                + "<p>You choose what to share, and you can stop at any time. Nothing is shared until you say so.</p><p>Warmly,<br>Attune</p>");
            return true;
        }
        catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or InvalidOperationException)
        {
            log.LogWarning(e, "Could not send a therapist invitation email");
            return false;
        }
    }

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
}
