using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Accounts;

/// <summary>
/// Puts the person's chosen name into the sign-in cookie, so every page can greet them by it without a
/// database read. Identity rebuilds the claims on each security-stamp check and on refreshed sign-ins.
/// </summary>
public sealed class AttuneClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, Data.AttuneDb db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    public const string DisplayName = "attune:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(DisplayName, user.DisplayName));
        }
        // Every page of a demo account says so; the mark is read once per sign-in, not per request.
        if (await db.Set<Demo.DemoAccount>().AnyAsync(d => d.UserId == user.Id))
        {
            identity.AddClaim(new Claim(Demo.Demos.Claim, "true"));
        }
        return identity;
    }
}

public static class AttuneClaims
{
    /// <summary>The name to call someone by: the one they chose, else their email address.</summary>
    public static string? NameToShow(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? null : user.FindFirstValue(AttuneClaimsPrincipalFactory.DisplayName) ?? user.Identity.Name;

    /// <summary>The chosen name only, for a greeting that reads well without one.</summary>
    public static string? ChosenName(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(AttuneClaimsPrincipalFactory.DisplayName) : null;
}
