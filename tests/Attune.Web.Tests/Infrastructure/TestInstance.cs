using Attune.Web.Features.Accounts;
using Attune.Web.Features.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// Test apps start as an instance that already has its administrator, as every real one has after its first
/// registration; otherwise the first account a test registers would become the administrator and skip the email
/// round trip the test is about. Tests of the first-account rule ask for an unclaimed instance.
/// </summary>
public static class TestInstance
{
    public const string OwnerEmail = "owner@attune.test";

    public static async Task ClaimAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(OwnerEmail) is not null)
        {
            return;
        }
        var owner = AccountFlows.NewUser(OwnerEmail, "Owner", "Europe/Berlin", TimeProvider.System);
        owner.EmailConfirmed = true;
        var created = await users.CreateAsync(owner);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await Instance.MakeAdminAsync(users, scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>(), owner);
    }
}
