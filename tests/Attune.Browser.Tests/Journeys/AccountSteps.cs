using System.Text.RegularExpressions;
using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// What a person does on the account pages, step by step, through labels and button names as they read them.
/// The outbox steps need a server in <c>Development</c>, where unsent mail is shown at <c>/dev/outbox</c>.
/// </summary>
public static partial class AccountSteps
{
    public const string Password = "a quiet walk by the river";

    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid():n}@example.org";

    public static async Task RegisterAsync(IPage page, string email, string displayName = "Robin", string password = Password)
    {
        await page.GotoAsync("account/register");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("What should we call you?").FillAsync(displayName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Type the password again").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync(RegisterConfirmation());
    }

    /// <summary>Opens the newest confirmation email to <paramref name="email"/> in the outbox and follows its link.</summary>
    public static async Task ConfirmFromOutboxAsync(IPage page, string email)
    {
        await FollowOutboxLinkAsync(page, email, "Confirm your email for Attune", "Confirm my email");
        await page.WaitForURLAsync(LoginPage());
    }

    /// <summary>Opens the newest email to <paramref name="email"/> with this subject in the outbox and clicks its link.</summary>
    public static async Task FollowOutboxLinkAsync(IPage page, string email, string subject, string linkText)
    {
        await page.GotoAsync("dev/outbox");
        var message = page.GetByRole(AriaRole.Article).Filter(new() { HasText = email })
            .Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = subject }) }).First;
        await message.GetByRole(AriaRole.Link, new() { Name = linkText }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>Fills the sign-in form and submits it, without assuming where it leads.</summary>
    public static async Task SubmitSignInAsync(IPage page, string email, string password = Password)
    {
        if (!LoginPage().IsMatch(page.Url))
        {
            await page.GotoAsync("account/login");
        }

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await SubmitSignInAsync(page, email, password);
        await page.WaitForURLAsync(HomePage());
    }

    public static async Task SubmitAuthenticatorCodeAsync(IPage page, string code)
    {
        await page.WaitForURLAsync(Login2faPage());
        await page.GetByLabel("Code from your authenticator app").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>Registers, confirms and signs in: the start of every signed-in journey.</summary>
    public static async Task<string> RegisterConfirmAndSignInAsync(IPage page, string who)
    {
        var email = NewEmail(who);
        await RegisterAsync(page, email);
        await ConfirmFromOutboxAsync(page, email);
        await SignInAsync(page, email);
        return email;
    }

    /// <summary>
    /// A confirmed account made through the app's services rather than the forms (quicker, for tests about
    /// other things), with its confirmation mail in the outbox so that page has something to show.
    /// </summary>
    /// <param name="server">The app to add the account to.</param>
    /// <param name="displayName">The name the app greets them by.</param>
    /// <param name="email">A fixed address (unique on the server), or null for a new random one.</param>
    /// <param name="authenticatorKey">A fixed Base32 authenticator key, so the two-factor setup page looks the same every run.</param>
    public static async Task<string> SeedConfirmedUserAsync(AppServer server, string displayName = "Robin", string? email = null, string? authenticatorKey = null)
    {
        email ??= NewEmail("seeded");
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = AccountFlows.NewUser(email, displayName, "Europe/London", TimeProvider.System);
        user.EmailConfirmed = true;
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (authenticatorKey is not null)
        {
            var store = (IUserAuthenticatorKeyStore<AppUser>)scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>();
            await store.SetAuthenticatorKeyAsync(user, authenticatorKey, CancellationToken.None);
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        var mail = scope.ServiceProvider.GetRequiredService<IEmailSender<AppUser>>();
        await mail.SendConfirmationLinkAsync(user, email, new Uri(server.BaseAddress, "account/confirm-email?userId=x&code=x").ToString());
        return email;
    }

    /// <summary>
    /// Through the account menu in the header (a disclosure button with JavaScript, inline links without):
    /// its "Sign out" link opens the "Sign out?" page, whose button signs out.
    /// </summary>
    public static async Task SignOutAsync(IPage page)
    {
        var toggle = page.Locator("button[data-menu-toggle]");
        if (await toggle.IsVisibleAsync())
        {
            await toggle.ClickAsync();
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign out?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.DoesNotMatch(HomePage(), page.Url);
    }

    /// <summary>Reads the key shown for manual entry on the two-factor settings page.</summary>
    public static async Task<string> ReadSharedKeyAsync(IPage page)
    {
        await page.GotoAsync("settings/two-factor");
        return (await page.Locator("#shared-key").InnerTextAsync()).Trim();
    }

    /// <summary>Turns on two-factor sign-in with <paramref name="code"/> and returns the recovery codes shown once.</summary>
    public static async Task<IReadOnlyList<string>> EnableTwoFactorAsync(IPage page, string code, string password = Password)
    {
        await page.GetByLabel("Enter the 6-digit code the app shows").FillAsync(code);
        await page.Locator("#enable-password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await page.Locator("#recovery-codes").WaitForAsync();
        var codes = await page.Locator("#recovery-codes code").AllInnerTextsAsync();
        Assert.NotEmpty(codes);
        return [.. codes.Select(c => c.Trim())];
    }

    public static Regex HomePage() => PathIs("/");

    public static Regex LoginPage() => PathIs("/account/login");

    public static Regex Login2faPage() => PathIs("/account/login-2fa");

    public static Regex RegisterConfirmation() => PathIs("/account/register-confirmation");

    /// <summary>Matches a URL whose path is exactly <paramref name="path"/>, whatever the query.</summary>
    public static Regex PathIs(string path) => new($"^https?://[^/]+{Regex.Escape(path)}(\\?.*)?$", RegexOptions.None, TimeSpan.FromSeconds(1));
}
