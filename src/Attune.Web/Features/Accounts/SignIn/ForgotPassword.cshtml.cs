using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Attune.Web.Features.Accounts.SignIn;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class ForgotPasswordModel(
    UserManager<AppUser> users, IEmailSender<AppUser> email, AccountRateLimiter limiter, PublicLinks links)
    : EmailRequestPage(users, limiter)
{
    protected override string LimiterKey => "forgot-password";

    protected override async Task SendIfEligibleAsync(AppUser user)
    {
        if (await Users.IsEmailConfirmedAsync(user))
        {
            await AccountFlows.SendPasswordResetAsync(user, Users, email, links, HttpContext);
        }
    }
}
