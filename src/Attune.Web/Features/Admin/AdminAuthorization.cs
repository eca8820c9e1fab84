using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Attune.Web.Features.Admin;

/// <summary>The caller is an administrator of this instance now (asked of the database, not the cookie).</summary>
public sealed record AdminRequirement : IAuthorizationRequirement;

public sealed class AdminHandler(AttuneDb db) : AuthorizationHandler<AdminRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && !context.User.IsToken()
            && await Instance.IsAdminAsync(db, context.User.UserId()))
        {
            context.Succeed(requirement);
        }
    }
}
