using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Audit;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Admin;

/// <summary>
/// Commands for whoever runs the server, with the app's own configuration and database:
/// <c>admin create EMAIL</c> makes (or promotes) an administrator and prints a one-time sign-in link;
/// <c>admin verify-audit</c> walks the audit chain and exits non-zero when it is broken.
/// </summary>
public static class AdminCommands
{
    public const int Ok = 0;
    public const int Usage = 64;
    public const int Broken = 65;

    public const string SignInLinkPath = "/account/link";

    public static bool IsAdminCommand(string[] args) => args.Length > 0 && args[0] == "admin";

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output)
    {
        var positional = args.Where(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)).ToArray();
        return positional switch
        {
            ["verify-audit"] => await VerifyAsync(app, output),
            ["create", var email] => await CreateAsync(app, email, output),
            ["therapist", var email, .. var practice] when practice.Length > 0 => await TherapistAsync(app, email, string.Join(' ', practice), output),
            _ => WriteUsage(output),
        };
    }

    private static int WriteUsage(TextWriter output)
    {
        output.WriteLine("""
            Usage:
              admin create EMAIL    make EMAIL an administrator (creating the account if needed) and print a one-time sign-in link
              admin verify-audit    check that no audit log entry was changed, removed or reordered
              admin therapist EMAIL PRACTICE
                                    make the account with EMAIL a therapist in PRACTICE (a group of therapists, made if new)
            """);
        return Usage;
    }

    private static async Task<int> VerifyAsync(WebApplication app, TextWriter output)
    {
        var result = await AuditChain.VerifyAsync(app.Services.GetRequiredService<DatabaseConnection>());
        if (result.Intact)
        {
            output.WriteLine(result.Verified == 0
                ? "The audit log is empty: nothing to check."
                : $"The audit log is intact: {result.Verified} entries, each linked to the one before. Newest hash: {result.HeadHash}");
            return Ok;
        }
        output.WriteLine($"The audit log has been tampered with: {result.Problem}. The first {result.Verified} entries hold; "
            + $"entry {result.BrokenAt} and everything after it cannot be trusted. Compare with a backup to see what changed.");
        return Broken;
    }

    private static async Task<int> TherapistAsync(WebApplication app, string email, string practice, TextWriter output)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<Therapists.TherapistRoles>();
        switch (await roles.GrantAsync(null, email, practice, CancellationToken.None))
        {
            case Therapists.RoleOutcome.Done d:
                output.WriteLine($"{d.Therapist.Email} is a therapist in {d.Therapist.Practice}.");
                return Ok;
            case Therapists.RoleOutcome.Invalid i:
                output.WriteLine(i.Message);
                return Usage;
            default:
                return Usage;
        }
    }

    private static async Task<int> CreateAsync(WebApplication app, string email, TextWriter output)
    {
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) || email.Length > 254)
        {
            output.WriteLine($"\"{email}\" is not an email address.");
            return Usage;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AttuneDb>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        var audit = services.GetRequiredService<AuditLog>();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;

        string secret;
        bool created;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await AuditChain.LockAsync(db, CancellationToken.None);
            var user = await users.FindByEmailAsync(email);
            created = user is null;
            if (user is null)
            {
                // No password: the link signs in, and the person sets a password under Settings.
                user = AccountFlows.NewUser(email, "", TimeZones.Default, clock);
                user.EmailConfirmed = true;
                var result = await users.CreateAsync(user);
                if (!result.Succeeded)
                {
                    output.WriteLine("The account could not be made: " + string.Join(" ", result.Errors.Select(e => e.Description)));
                    return Usage;
                }
            }
            else if (!user.EmailConfirmed)
            {
                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
            }
            await Instance.MakeAdminAsync(users, roles, user);
            audit.Add(AuditActions.AdminGranted, user.Id, "account", user.Id.ToString());
            secret = await SignInLinks.CreateAsync(db, user.Id, now);
            audit.Add(AuditActions.SignInLinkCreated, user.Id, "account", user.Id.ToString());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var link = BaseAddress(app) + SignInLinkPath + "?code=" + secret;
        output.WriteLine(created
            ? $"Made an administrator account for {email}."
            : $"{email} is an administrator.");
        output.WriteLine($"Open this link within {SignInLinks.Lifetime.TotalMinutes:0} minutes to sign in (it works once):");
        output.WriteLine(link);
        if (created)
        {
            output.WriteLine("Then choose a password under Settings, Password.");
        }
        return Ok;
    }

    private static string BaseAddress(WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AttuneOptions>>().Value.PublicBaseUri is { } publicBase)
        {
            return publicBase.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }
        var urls = app.Configuration["urls"] ?? app.Configuration["ASPNETCORE_URLS"] ?? app.Configuration["URLS"];
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return (first ?? "http://localhost:5080").Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
