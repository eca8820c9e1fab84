using Attune.Web.Data;
using Attune.Web.Features.Audit;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Accounts;

public static class AccountsSetup
{
    /// <summary>Identity with confirmed email, throttled guessing, single-use TOTP; cookie and access-token sign-in.</summary>
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
                // No hard lockout that anyone who knows an address could trigger: SignInThrottle slows guessing
                // instead (decision 0007). Older accounts still have LockoutEnabled set, so the count must never lock.
                o.Lockout.AllowedForNewUsers = false;
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                // The email is the user name: any character an address may hold ("o'brien#1@example.org").
                o.User.AllowedUserNameCharacters = "";
                o.Stores.MaxLengthForKeys = 128;
            })
            .AddEntityFrameworkStores<AttuneDb>()
            .AddClaimsPrincipalFactory<AttuneClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordRules>()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        Passkeys.AddServices(services, configuration);

        // Recovery codes hashed, authenticator keys encrypted (StoredSecrets).
        services.AddScoped<IUserStore<AppUser>, AttuneUserStore>();

        // Erasure of an account, recorded in the audit log in the same transaction.
        services.AddScoped<AccountErasure>();
        services.AddScoped<IErasureRecorder, AuditedErasure>();

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
        // Behind TLS (directly, or a loopback proxy's X-Forwarded-Proto) every cookie is Secure; the framework's
        // default for these two is to never say so.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        // "Don't ask for a code on this device" ends the moment the password changes or is reset: the cookie's
        // security stamp is checked on every use (only the second sign-in step reads it), not once a minute.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => o.Events.OnValidatePrincipal = async context =>
        {
            var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
            if (await signIn.ValidateTwoFactorSecurityStampAsync(context.Principal) is null)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.TwoFactorRememberMeScheme);
            }
        });
        // Registered after AddIdentity, so it runs after the framework has created the cookie's ticket format.
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, CachedTicketFormat.Setup>();

        services.AddAuthentication(o =>
            {
                // AddIdentity sets DefaultAuthenticateScheme to the cookie; without overriding it, bearer tokens are never read.
                o.DefaultScheme = "Attune";
                o.DefaultAuthenticateScheme = "Attune";
                o.DefaultChallengeScheme = "Attune";
            })
            // Tokens are read on the API and the hubs only: a page never signs anyone in from a bearer header.
            .AddPolicyScheme("Attune", "Cookie or access token", o => o.ForwardDefaultSelector = ctx =>
                (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
                && ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AccessTokens.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokens.Scheme, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddAttunePolicies();
        services.AddSingleton<IAuthorizationHandler, TokenScopeHandler>();
        services.AddScoped<IAuthorizationHandler, global::Attune.Web.Features.Admin.AdminHandler>();
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
        services.AddSingleton<AccountEmails>();
        services.AddSingleton<IEmailSender<AppUser>>(sp => sp.GetRequiredService<AccountEmails>());
        services.AddSingleton<AccountRateLimiter>();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DummyPassword>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<Registration>();
        services.AddSingleton<PublicLinks>();
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
