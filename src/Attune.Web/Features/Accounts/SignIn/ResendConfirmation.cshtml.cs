using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Attune.Web.Features.Accounts.SignIn;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class ResendConfirmationModel(
    UserManager<AppUser> users, IEmailSender<AppUser> email, AccountRateLimiter limiter, PublicLinks links)
    : EmailRequestPage(users, limiter)
{
    protected override string LimiterKey => "resend-confirmation";

    protected override async Task SendIfEligibleAsync(AppUser user)
    {
        if (!await Users.IsEmailConfirmedAsync(user))
        {
            await AccountFlows.SendConfirmationAsync(user, Users, email, links, HttpContext);
        }
    }
}
