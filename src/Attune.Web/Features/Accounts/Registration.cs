using Attune.Web.Data;
using Attune.Web.Features.Admin;
using Attune.Web.Features.Audit;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Attune.Web.Features.Accounts;

/// <summary>What a registration came to.</summary>
public abstract record RegistrationOutcome
{
    /// <summary>Something to fix in the form: field "email" or "password".</summary>
    public sealed record Problems(IReadOnlyList<(string Field, string Message)> List) : RegistrationOutcome;

    /// <summary>"Check your inbox": a new account waiting for its address to be confirmed, or an address that already had one.</summary>
    public sealed record CheckInbox : RegistrationOutcome;

    /// <summary>The account is confirmed and can sign in now: the instance's first (its administrator), or invited to this address.</summary>
    public sealed record Ready(bool Admin) : RegistrationOutcome;

    /// <summary>Registration is by invitation or closed, and no invitation came with it.</summary>
    public sealed record Refused(RegistrationMode Mode) : RegistrationOutcome;

    /// <summary>The invitation link is unknown, used, revoked or expired.</summary>
    public sealed record InvitationNotUsable : RegistrationOutcome;
}

/// <summary>
/// Creating an account, shared by the register page and <c>POST /api/v1/auth/register</c>. An address that already
/// has an account gets the same checks, the same answer and the same hashing work as a new one, and its owner an
/// email saying someone tried; so neither the answer nor its timing tells who uses Attune. On an instance nobody has
/// claimed yet, the first account is confirmed at once and made its administrator; after that,
/// <c>Attune:Registration</c> decides who may register (<see cref="Instance"/>).
/// </summary>
public sealed class Registration(
    UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, AttuneDb db, Instance instance, AuditLog audit,
    IEmailSender<AppUser> email, AccountEmails emails, PublicLinks links, DummyPassword dummy, TimeProvider clock)
{
    public async Task<RegistrationOutcome> RegisterAsync(
        HttpContext http, string address, string password, string displayName, string timeZone, string? invitationCode)
    {
        var user = AccountFlows.NewUser(address, displayName, timeZone, clock);
        var now = clock.GetUtcNow().UtcDateTime;
        // The password rules of a new account, judged for the would-be account, so a weak password is refused either way.
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }
        if (errors.Count > 0)
        {
            return Problems(errors);
        }
        Invitation? invitation = null;
        if (!string.IsNullOrEmpty(invitationCode))
        {
            invitation = await Invitations.FindUsableAsync(db, invitationCode, now);
            if (invitation is null)
            {
                return new RegistrationOutcome.InvitationNotUsable();
            }
            if (invitation.NormalizedEmail is { } invited && invited != users.NormalizeEmail(user.Email))
            {
                return new RegistrationOutcome.Problems([("email", $"This invitation is for {invitation.Email}. Please use that address, or ask for an invitation for this one.")]);
            }
        }
        else if (instance.Registration != RegistrationMode.Open && !await Instance.IsUnclaimedAsync(db))
        {
            return new RegistrationOutcome.Refused(instance.Registration);
        }

        var existing = await users.FindByEmailAsync(user.Email!);
        if (existing is not null)
        {
            dummy.Hash(password);
            await emails.SendAlreadyRegisteredAsync(existing,
                links.ToPage(http, "/Accounts/SignIn/Login", new { }),
                links.ToPage(http, "/Accounts/SignIn/ForgotPassword", new { }));
            return new RegistrationOutcome.CheckInbox();
        }
        // Hashed before the transaction, so the append lock is never held for the slow part.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);

        bool admin;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // The same lock as the audit chain's: two first registrations on two nodes cannot both become administrator.
            await AuditChain.LockAsync(db, CancellationToken.None);
            admin = await Instance.IsUnclaimedAsync(db);
            if (!admin && invitation is null && instance.Registration != RegistrationMode.Open)
            {
                return new RegistrationOutcome.Refused(instance.Registration);
            }
            // The administrator vouches for an address they invited; anyone else confirms theirs by email.
            user.EmailConfirmed = admin || invitation?.Email is not null;
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return Problems(created.Errors);
            }
            if (admin)
            {
                await Instance.MakeAdminAsync(users, roles, user);
                audit.Add(AuditActions.AdminGranted, user.Id, "account", user.Id.ToString());
            }
            else if (invitation is not null)
            {
                if (!await Invitations.UseAsync(db, invitation.Id, user.Id, now))
                {
                    return new RegistrationOutcome.InvitationNotUsable();
                }
                audit.Add(AuditActions.InvitationUsed, user.Id, "invitation", invitation.Id.ToString(), actor: user.Id);
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        if (user.EmailConfirmed)
        {
            return new RegistrationOutcome.Ready(admin);
        }
        try
        {
            await AccountFlows.SendConfirmationAsync(user, users, email, links, http);
        }
        catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // An account nobody can ever confirm is worse than none: take it back, and say why, instead of a 500
            // that leaves it behind. The mail server's trouble goes to the log without the address.
            http.RequestServices.GetRequiredService<ILogger<Registration>>()
                .LogError("The confirmation email could not be sent ({ExceptionType}); the new account was removed. Check the Email:Smtp settings.", e.GetType().FullName);
            await users.DeleteAsync(user);
            return new RegistrationOutcome.Problems([("email", NotSent)]);
        }
        return new RegistrationOutcome.CheckInbox();
    }

    public const string NotSent =
        "We couldn't send the confirmation email just now, so no account was made. Please try again later; if it keeps happening, let whoever runs this Attune know (its mail settings may need a look).";

    private static RegistrationOutcome.Problems Problems(IEnumerable<IdentityError> errors) =>
        new([.. errors.Select(e => (e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", e.Description))]);
}
