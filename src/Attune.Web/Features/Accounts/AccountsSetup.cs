using Attune.Web.Data;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Accounts;

public static class AccountsSetup
{
    /// <summary>Identity with confirmed email, lockout, single-use TOTP; cookie and access-token sign-in.</summary>
    public static IServiceCollection AddAttuneAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);

        services
            .AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Stores.MaxLengthForKeys = 128;
            })
            .AddEntityFrameworkStores<AttuneDb>()
            .AddClaimsPrincipalFactory<AttuneClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        // Reset and confirmation links work for a day.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));
        // A changed password or security stamp reaches other sign-ins within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "attune";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            Sessions.Attach(o.Events);
        });
        services.ConfigureExternalCookie(o => o.Cookie.Name = "attune.ext");
        // Registered after AddIdentity, so it runs after the framework has created the cookie's ticket format.
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, CachedTicketFormat.Setup>();

        services.AddAuthentication(o =>
            {
                // AddIdentity sets DefaultAuthenticateScheme to the cookie; without overriding it, bearer tokens are never read.
                o.DefaultScheme = "Attune";
                o.DefaultAuthenticateScheme = "Attune";
                o.DefaultChallengeScheme = "Attune";
            })
            // Tokens are read on the API only: a page never signs anyone in from a bearer header.
            .AddPolicyScheme("Attune", "Cookie or access token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api")
                && ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AccessTokens.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokens.Scheme, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddAttunePolicies();
        services.AddSingleton<IAuthorizationHandler, TokenScopeHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiForbiddenResults>();

        var smtp = configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>();
        services.AddSingleton<DevOutbox>();
        if (smtp?.IsConfigured == true)
        {
            services.AddSingleton<IMailTransport, SmtpTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport, OutboxTransport>();
        }
        services.AddSingleton<IEmailSender<AppUser>, AccountEmails>();
        services.AddSingleton<AccountRateLimiter>();
        services.AddSingleton<SessionCache>();
        return services;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
