using System.ComponentModel.DataAnnotations;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Audit;
using Attune.Web.Features.Demo;
using Attune.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Admin;

/// <summary>A person as the administrator sees them: the account, never anything in it.</summary>
public sealed record PersonDto(Guid Id, string Email, bool EmailConfirmed, bool Admin, bool Demo, DateTime CreatedAt, DateTime? LastSignInAt);

/// <summary>Status: <c>waiting</c>, <c>used</c>, <c>revoked</c> or <c>expired</c>. <c>email</c> is null for a link anyone may use once.</summary>
public sealed record InvitationDto(Guid Id, string? Email, string Status, DateTime CreatedAt, DateTime ExpiresAt, DateTime? UsedAt);

/// <summary>The link appears in this answer only; <c>emailed</c> says whether it was also sent to the address.</summary>
public sealed record CreatedInvitationDto(InvitationDto Invitation, string Link, bool Emailed);

/// <summary>An invitation for one address (or, without <c>email</c>, for whoever holds the link), valid 1 to 30 days (7 when left out).</summary>
public sealed record CreateInvitationRequest(
    [property: EmailAddress, MaxLength(Invitation.EmailMaxLength)] string? Email,
    [property: Range(1, Administration.MaxInvitationDays)] int? ExpiresInDays);

/// <summary>What the start-up log says about this instance, one line per setting.</summary>
public sealed record InstanceStatusDto(IReadOnlyList<InstanceStatusLine> Lines);

public sealed record InstanceStatusLine(string Setting, string Value);

/// <summary>What an administrator does: see people and the instance, invite, revoke invitations, confirm addresses.</summary>
public sealed class Administration(
    AttuneDb db, AuditLog audit, AccountEmails emails, PublicLinks links, IOptions<SmtpOptions> smtp, IHostEnvironment environment,
    IServiceProvider services, TimeProvider clock)
{
    public const int DefaultInvitationDays = 7;
    public const int MaxInvitationDays = 30;

    public async Task<List<PersonDto>> PeopleAsync(CancellationToken cancel)
    {
        var rows = await (
                from u in db.Users.AsNoTracking()
                orderby u.CreatedAt
                select new
                {
                    u.Id,
                    u.Email,
                    u.EmailConfirmed,
                    u.CreatedAt,
                    Admin = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == "ADMIN")),
                    Demo = db.Set<DemoAccount>().Any(d => d.UserId == u.Id),
                    LastSignIn = db.UserSessions.Where(s => s.UserId == u.Id).Max(s => (DateTime?)s.CreatedAt),
                })
            .ToListAsync(cancel);
        return [.. rows.Select(r => new PersonDto(r.Id, r.Email ?? "", r.EmailConfirmed, r.Admin, r.Demo, r.CreatedAt, r.LastSignIn))];
    }

    public async Task<List<InvitationDto>> InvitationsAsync(CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Invitations.AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(200).ToListAsync(cancel);
        return [.. rows.Select(i => ToDto(i, now))];
    }

    public async Task<CreatedInvitationDto> InviteAsync(Guid admin, string? email, int? days, HttpContext http, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (secret, hash) = LinkSecrets.New();
        var address = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            TokenHash = hash,
            Email = address,
            NormalizedEmail = address?.ToUpperInvariant(),
            CreatedBy = admin,
            CreatedAt = now,
            ExpiresAt = now.AddDays(days ?? DefaultInvitationDays),
        };
        db.Invitations.Add(invitation);
        audit.Add(AuditActions.InvitationCreated, owner: null, "invitation", invitation.Id.ToString());
        await db.SaveChangesAsync(cancel);
        var link = links.ToPage(http, "/Accounts/SignIn/Register", new { invitation = secret });
        // Only when mail really leaves (or lands in this machine's outbox): otherwise the link on screen is the way.
        var emailed = address is not null && (smtp.Value.IsConfigured || environment.IsLocal());
        if (emailed)
        {
            await emails.SendInvitationAsync(address!, link, invitation.ExpiresAt);
        }
        return new CreatedInvitationDto(ToDto(invitation, now), link, emailed);
    }

    public async Task<bool> RevokeInvitationAsync(Guid id, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await audit.BulkAsync(
            () => db.Invitations.Where(i => i.Id == id && i.UsedAt == null && i.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.RevokedAt, now), cancel),
            (log, _) => log.Add(AuditActions.InvitationRevoked, owner: null, "invitation", id.ToString()), cancel) > 0;
    }

    /// <summary>Marks a person's address as confirmed (for instances without mail). False when there is no such account.</summary>
    public async Task<bool> ConfirmEmailAsync(Guid person, CancellationToken cancel)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == person, cancel);
        if (user is null)
        {
            return false;
        }
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            audit.Add(AuditActions.AdminConfirmedEmail, person, "account", person.ToString());
            await db.SaveChangesAsync(cancel);
        }
        return true;
    }

    public async Task<InstanceStatusDto> StatusAsync(CancellationToken cancel) =>
        new([.. (await StartupReport.LinesAsync(services, cancel)).Select(l => new InstanceStatusLine(l.Setting, l.Value))]);

    private static InvitationDto ToDto(Invitation i, DateTime now) => new(i.Id, i.Email,
        i.UsedAt is not null ? "used" : i.RevokedAt is not null ? "revoked" : i.ExpiresAt <= now ? "expired" : "waiting",
        i.CreatedAt, i.ExpiresAt, i.UsedAt);
}
