using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Demo;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Admin;

/// <summary>Who may create an account (<c>Attune:Registration</c>).</summary>
public enum RegistrationMode
{
    /// <summary>Anyone who reaches the site.</summary>
    Open,

    /// <summary>Only someone holding an invitation link from an administrator.</summary>
    Invite,

    /// <summary>Nobody (the administrator can still invite).</summary>
    Closed,
}

/// <summary>
/// The instance as a whole: its registration mode, and who looks after it. Every instance has an owner: the first
/// account made on an empty instance is confirmed at once and becomes its administrator, so a server without mail
/// is usable from the first minute (decision 0012). Administrators hold the Identity role <see cref="AdminRole"/>.
/// </summary>
public sealed class Instance(IOptions<AttuneOptions> options, IHostEnvironment environment)
{
    public const string AdminRole = "admin";

    private const string NormalizedAdminRole = "ADMIN";

    public RegistrationMode Registration { get; } = Resolve(options.Value.Registration, environment) ?? RegistrationMode.Invite;

    /// <summary>
    /// The configured mode, or the default for the environment: open on a machine of one's own (Development, the tests),
    /// by invitation anywhere else. Null for a value that is not a mode.
    /// </summary>
    public static RegistrationMode? Resolve(string? configured, IHostEnvironment environment) =>
        string.IsNullOrWhiteSpace(configured)
            ? environment.IsLocal() ? RegistrationMode.Open : RegistrationMode.Invite
            : configured.Trim().ToLowerInvariant() switch
            {
                "open" => RegistrationMode.Open,
                "invite" => RegistrationMode.Invite,
                "closed" => RegistrationMode.Closed,
                _ => null,
            };

    public static string Name(RegistrationMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>True while no one but demo visitors has an account: the next person to register becomes the administrator.</summary>
    public static async Task<bool> IsUnclaimedAsync(AttuneDb db, CancellationToken cancel = default) =>
        !await db.Users.AnyAsync(u => !db.Set<DemoAccount>().Any(d => d.UserId == u.Id), cancel);

    /// <summary>Asked of the database on every admin request: a role taken away counts at once, whatever the cookie says.</summary>
    public static Task<bool> IsAdminAsync(AttuneDb db, Guid userId, CancellationToken cancel = default) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == NormalizedAdminRole), cancel);

    public static Task<int> AdminCountAsync(AttuneDb db, CancellationToken cancel = default) =>
        db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == NormalizedAdminRole), cancel);

    /// <summary>Makes <paramref name="user"/> an administrator (creating the role on first use).</summary>
    public static async Task MakeAdminAsync(UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, AppUser user)
    {
        if (!await roles.RoleExistsAsync(AdminRole))
        {
            var created = await roles.CreateAsync(new IdentityRole<Guid>(AdminRole) { Id = Guid.CreateVersion7() });
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("The administrator role could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }
        if (!await users.IsInRoleAsync(user, AdminRole))
        {
            var added = await users.AddToRoleAsync(user, AdminRole);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException("Could not make the account an administrator: " + string.Join("; ", added.Errors.Select(e => e.Description)));
            }
        }
    }
}
