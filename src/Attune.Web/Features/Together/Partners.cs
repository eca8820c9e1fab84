using System.Security.Cryptography;
using System.Text;
using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Together;

/// <summary>Who my partner is, what each of us shares with the other, and since when.</summary>
public sealed record PartnerDto(Guid Id, string Name, DateTime Since, string[] IShare, string[] TheyShare);

/// <summary>A new code, shown once.</summary>
public sealed record PartnerInviteDto(string Code, DateTime ExpiresAt, string[] Streams);

/// <summary>An invitation that is waiting (its code is not shown again).</summary>
public sealed record PendingInviteDto(Guid Id, DateTime CreatedAt, DateTime ExpiresAt);

public abstract record PartnerOutcome
{
    public sealed record Invited(PartnerInviteDto Invite) : PartnerOutcome;

    public sealed record Linked(PartnerDto Partner) : PartnerOutcome;

    public sealed record Invalid(string Field, string Message) : PartnerOutcome;

    public sealed record NotFound : PartnerOutcome;
}

/// <summary>
/// The partner link: an invitation code, accepted, becomes a pair of <see cref="GrantKind.Partner"/> grants, one
/// each way, in the access layer; every read of the partner's data then goes through <see cref="Access"/> like any
/// other grant, and unlinking ends both grants, so access stops on the next request everywhere.
/// </summary>
public sealed class Partners(AttuneDb db, TimeProvider clock)
{
    /// <summary>How long a code works: long enough to pass on tonight, short enough not to linger.</summary>
    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(3);

    public const int InvitesPerDay = 10;

    /// <summary>What a partner may share besides time together (always shared: it is what the link is).</summary>
    public static IReadOnlyList<DataStream> Optional { get; } = [DataStream.CheckIns, DataStream.Recordings];

    /// <summary>No 0/O, 1/I/L: easy to read out and type. 31 symbols, 8 of them: about 40 bits.</summary>
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 8;

    public async Task<PartnerDto?> CurrentAsync(Guid me, CancellationToken cancel)
    {
        var held = await db.Grants.AsNoTracking()
            .Where(g => g.Kind == GrantKind.Partner && g.Status == GrantStatus.Active && g.GranteeId == me)
            .OrderByDescending(g => g.AcceptedAt).FirstOrDefaultAsync(cancel);
        if (held is null)
        {
            return null;
        }
        var given = await db.Grants.AsNoTracking()
            .Where(g => g.Kind == GrantKind.Partner && g.Status == GrantStatus.Active && g.OwnerId == me && g.GranteeId == held.OwnerId)
            .FirstOrDefaultAsync(cancel);
        var name = (await People.NamesAsync(db, [held.OwnerId], cancel)).GetValueOrDefault(held.OwnerId, "your partner");
        return new PartnerDto(held.OwnerId, name, held.AcceptedAt ?? held.CreatedAt,
            DataStreams.Names(given?.Streams ?? DataStream.None), DataStreams.Names(held.Streams));
    }

    public async Task<PartnerOutcome> InviteAsync(Guid me, IReadOnlyCollection<string>? streamNames, CancellationToken cancel)
    {
        if (ParseStreams(streamNames) is not { } streams)
        {
            return StreamsProblem();
        }
        if (await CurrentAsync(me, cancel) is { } partner)
        {
            return new PartnerOutcome.Invalid("partner", $"You're already linked with {partner.Name}. To link with someone else, unlink first.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var dayAgo = now.AddDays(-1);
        if (await db.Set<PartnerInvite>().CountAsync(i => i.InviterId == me && i.CreatedAt > dayAgo, cancel) >= InvitesPerDay)
        {
            return new PartnerOutcome.Invalid("partner", $"You can make {InvitesPerDay} codes a day. Please try again tomorrow.");
        }
        // One live code at a time: a new one replaces the old, so a code passed to the wrong person can be undone.
        await CancelPendingAsync(me, now, cancel);
        var code = NewCode();
        db.Set<PartnerInvite>().Add(new PartnerInvite
        {
            Id = Guid.CreateVersion7(),
            InviterId = me,
            CodeHash = Hash(code),
            Streams = streams,
            CreatedAt = now,
            ExpiresAt = now + InviteLifetime,
        });
        await db.SaveChangesAsync(cancel);
        return new PartnerOutcome.Invited(new PartnerInviteDto(Display(code), now + InviteLifetime, DataStreams.Names(streams)));
    }

    public Task<PendingInviteDto?> PendingAsync(Guid me, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<PartnerInvite>().AsNoTracking()
            .Where(i => i.InviterId == me && i.AcceptedAt == null && i.CancelledAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new PendingInviteDto(i.Id, i.CreatedAt, i.ExpiresAt)).FirstOrDefaultAsync(cancel);
    }

    public async Task<bool> CancelInviteAsync(Guid me, CancellationToken cancel) =>
        await CancelPendingAsync(me, clock.GetUtcNow().UtcDateTime, cancel) > 0;

    private Task<int> CancelPendingAsync(Guid me, DateTime now, CancellationToken cancel) =>
        db.Set<PartnerInvite>().Where(i => i.InviterId == me && i.AcceptedAt == null && i.CancelledAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.CancelledAt, now), cancel);

    /// <summary>
    /// Accepts a code: a wrong, used, withdrawn or expired code is not found (the same answer for each, so codes
    /// cannot be probed); one's own code, or either person already linked, is a clear refusal; nothing is stored then.
    /// </summary>
    public async Task<PartnerOutcome> AcceptAsync(Guid me, string? code, IReadOnlyCollection<string>? streamNames, CancellationToken cancel)
    {
        if (Normalize(code) is not { } normalized)
        {
            return new PartnerOutcome.NotFound();
        }
        if (ParseStreams(streamNames) is not { } streams)
        {
            return StreamsProblem();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Hash(normalized);
        var invite = await db.Set<PartnerInvite>().AsNoTracking()
            .FirstOrDefaultAsync(i => i.CodeHash == hash && i.AcceptedAt == null && i.CancelledAt == null && i.ExpiresAt > now, cancel);
        if (invite is null)
        {
            return new PartnerOutcome.NotFound();
        }
        if (invite.InviterId == me)
        {
            return new PartnerOutcome.Invalid("code", "That is your own code. Please pass it to your partner, so they can enter it.");
        }
        if (await CurrentAsync(me, cancel) is { } mine)
        {
            return new PartnerOutcome.Invalid("code", $"You're already linked with {mine.Name}. To link with someone else, unlink first.");
        }
        if (await CurrentAsync(invite.InviterId, cancel) is not null)
        {
            return new PartnerOutcome.Invalid("code", "The person who made this code has linked with someone else since. Please ask them for a new one.");
        }
        var emails = await db.Users.AsNoTracking().Where(u => u.Id == me || u.Id == invite.InviterId)
            .Select(u => new { u.Id, u.Email, u.NormalizedEmail }).ToDictionaryAsync(u => u.Id, cancel);

        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        // One statement claims the code, so two people (or two taps) cannot both link with it.
        var claimed = await db.Set<PartnerInvite>()
            .Where(i => i.Id == invite.Id && i.AcceptedAt == null && i.CancelledAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedBy, me), cancel);
        if (claimed != 1)
        {
            return new PartnerOutcome.NotFound();
        }
        Grant Half(Guid owner, Guid grantee, DataStream shared) => new()
        {
            Id = Guid.CreateVersion7(),
            OwnerId = owner,
            GranteeId = grantee,
            GranteeEmail = emails[grantee].Email ?? "",
            NormalizedGranteeEmail = emails[grantee].NormalizedEmail ?? "",
            Kind = GrantKind.Partner,
            Streams = shared,
            Status = GrantStatus.Active,
            ConsentVersion = SharingConsent.CurrentVersion,
            CreatedAt = now,
            AcceptedAt = now,
        };
        db.Grants.AddRange(Half(invite.InviterId, me, invite.Streams), Half(me, invite.InviterId, streams));
        // Anyone else's code waiting from either of them is void now.
        await db.Set<PartnerInvite>().Where(i => (i.InviterId == me || i.InviterId == invite.InviterId) && i.AcceptedAt == null && i.CancelledAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.CancelledAt, now), cancel);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return new PartnerOutcome.Linked((await CurrentAsync(me, cancel))!);
    }

    /// <summary>Ends the link both ways at once; false when there was none.</summary>
    public async Task<bool> UnlinkAsync(Guid me, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ended = await db.Grants.Where(g => g.Kind == GrantKind.Partner && g.Status == GrantStatus.Active && g.OwnerId == me)
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, GrantStatus.Revoked).SetProperty(g => g.EndedAt, now), cancel);
        ended += await db.Grants.Where(g => g.Kind == GrantKind.Partner && g.Status == GrantStatus.Active && g.GranteeId == me)
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, GrantStatus.Left).SetProperty(g => g.EndedAt, now), cancel);
        return ended > 0;
    }

    /// <summary>Changes what I share with my partner; time together stays shared while linked.</summary>
    public async Task<PartnerOutcome> ChangeSharingAsync(Guid me, IReadOnlyCollection<string>? streamNames, CancellationToken cancel)
    {
        if (ParseStreams(streamNames) is not { } streams)
        {
            return StreamsProblem();
        }
        var changed = await db.Grants.Where(g => g.Kind == GrantKind.Partner && g.Status == GrantStatus.Active && g.OwnerId == me)
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.Streams, streams).SetProperty(g => g.ConsentVersion, SharingConsent.CurrentVersion), cancel);
        return changed == 0 ? new PartnerOutcome.NotFound() : new PartnerOutcome.Linked((await CurrentAsync(me, cancel))!);
    }

    /// <summary>The named optional streams plus time together; null when a name is unknown. No names: check-ins and time together.</summary>
    public static DataStream? ParseStreams(IReadOnlyCollection<string>? names)
    {
        if (names is null)
        {
            return DataStream.Together | DataStream.CheckIns;
        }
        if (names.Count > 10)
        {
            return null;
        }
        var streams = DataStream.Together;
        foreach (var name in names)
        {
            var stream = Optional.Append(DataStream.Together)
                .FirstOrDefault(s => string.Equals(DataStreams.Name(s), name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (stream == DataStream.None)
            {
                return null;
            }
            streams |= stream;
        }
        return streams;
    }

    private static PartnerOutcome.Invalid StreamsProblem() =>
        new("streams", $"Please choose from: {string.Join(", ", Optional.Append(DataStream.Together).Select(DataStreams.Name))}.");

    private static string NewCode() => RandomNumberGenerator.GetString(Alphabet, CodeLength);

    /// <summary>"K7M2PQ4X" → "K7M2-PQ4X".</summary>
    public static string Display(string code) => code[..4] + "-" + code[4..];

    /// <summary>Upper case without spaces or dashes; null when it cannot be a code at all.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null || code.Length > 40)
        {
            return null;
        }
        var plain = new string([.. code.Where(c => !char.IsWhiteSpace(c) && c != '-')]).ToUpperInvariant();
        return plain.Length == CodeLength && plain.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? plain : null;
    }

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
}
