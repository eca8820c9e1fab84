using System.Net;
using Attune.Web.Data;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Accounts;

public sealed class SettingsTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Changing_email_takes_effect_only_after_the_link_sent_to_the_new_address_is_opened(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var oldEmail = await browser.RegisterAndSignInAsync();
        var newEmail = $"moved-{Guid.NewGuid():N}@example.org";

        using var wrong = await browser.SubmitAsync("/settings/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail,
            ["Input.CurrentPassword"] = "not my password",
        });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Throws<InvalidOperationException>(() => browser.LinkInLatestEmailTo(newEmail));

        using var request = await browser.SubmitAsync("/settings/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail,
            ["Input.CurrentPassword"] = Browser.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, request.StatusCode);
        Assert.Contains($"We sent a link to {newEmail}", await browser.GetPageAsync("/settings/email"), StringComparison.Ordinal);

        using var confirm = await browser.Client.GetAsync(browser.LinkInLatestEmailTo(newEmail));
        Assert.Equal("/settings/email", confirm.Headers.Location?.OriginalString);
        Assert.Contains("Your email address is changed", await browser.GetPageAsync("/settings/email"), StringComparison.Ordinal);
        Assert.True(await browser.IsSignedInAsync());

        using var other = factory.NewBrowser();
        using var withOld = await other.SignInAsync(oldEmail);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        using var withNew = await other.SignInAsync(newEmail);
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Profile_changes_are_saved_and_times_are_shown_in_the_chosen_zone(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterAndSignInAsync();

        using var save = await browser.SubmitAsync("/settings/profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "  Ana María  ",
            ["Input.TimeZone"] = "Asia/Kolkata",
        });

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        Assert.Equal("Ana María", user.DisplayName);
        Assert.Equal("Asia/Kolkata", user.TimeZone);
        var session = await db.UserSessions.AsNoTracking().FirstAsync(s => s.UserId == user.Id);
        var expected = Attune.Web.Features.Accounts.TimeZones.Format(session.CreatedAt, "Asia/Kolkata");
        Assert.Contains(expected, await browser.GetPageAsync("/settings/sessions"), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Settings_pages_need_a_signed_in_person(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();

        foreach (var page in new[] { "/settings", "/settings/profile", "/settings/email", "/settings/password", "/settings/two-factor", "/settings/sessions", "/settings/tokens", "/settings/delete" })
        {
            using var response = await browser.Client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/account/login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Every_settings_page_renders_for_a_signed_in_person(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();

        foreach (var page in new[] { "/settings", "/settings/profile", "/settings/email", "/settings/password", "/settings/two-factor", "/settings/sessions", "/settings/tokens", "/settings/delete" })
        {
            Assert.Contains("settings-nav", await browser.GetPageAsync(page), StringComparison.Ordinal);
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task In_development_the_outbox_shows_the_confirmation_link(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, environment: "Development");
        using var browser = factory.NewBrowser();
        var email = $"dev-{Guid.NewGuid():N}@example.org";
        using var register = await browser.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.TimeZone"] = "UTC",
            ["Input.Password"] = Browser.Password,
            ["Input.ConfirmPassword"] = Browser.Password,
        });

        Assert.Contains("development outbox", await browser.GetPageAsync("/account/register-confirmation"), StringComparison.Ordinal);
        var outbox = await browser.GetPageAsync("/dev/outbox");
        Assert.Contains(email, outbox, StringComparison.Ordinal);
        Assert.Contains("/account/confirm-email?", outbox, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Sign_in_pages_are_limited_per_address_too(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, authPerIpPerMinute: 3);
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/account/forgot-password");
            statuses.Add(response.StatusCode);
            if (i == 3)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
