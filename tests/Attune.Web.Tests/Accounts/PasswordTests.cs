using System.Net;
using System.Net.Http.Json;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Accounts;

public sealed class PasswordTests
{
    private const string NewPassword = "a different quiet morning";

    private static Dictionary<string, string> ResetForm(string html, string password) => new()
    {
        ["Input.Email"] = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Email\" value=\"([^\"]*)\"").Groups[1].Value),
        ["Input.Code"] = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Code\" value=\"([^\"]*)\"").Groups[1].Value),
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    private static async Task<string> RequestResetLinkAsync(Browser browser, string email)
    {
        using var forgot = await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, forgot.StatusCode);
        Assert.Contains("If that address has an Attune account", await forgot.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return browser.LinkInLatestEmailTo(email);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Forgot_password_gives_the_same_answer_for_unknown_addresses(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();

        using var response = await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody-here@example.org" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("If that address has an Attune account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_valid_reset_link_sets_the_new_password_and_cannot_be_used_twice(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterConfirmedAsync();
        var link = await RequestResetLinkAsync(browser, email);

        var form = await browser.GetPageAsync(link);
        using var reset = await browser.SubmitAsync(link, ResetForm(form, NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/account/login", reset.Headers.Location?.OriginalString);

        using var again = await browser.SubmitAsync(link, ResetForm(form, "yet another password here"));
        Assert.Contains("This link has expired or was already used. Ask for a new one.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var oldPassword = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        using var newPassword = await browser.SignInAsync(email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_tampered_reset_link_explains_itself_and_leaves_the_password_alone(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterConfirmedAsync();
        var link = await RequestResetLinkAsync(browser, email);
        var form = ResetForm(await browser.GetPageAsync(link), NewPassword);
        var code = form["Input.Code"];
        var middle = code.Length / 2;
        form["Input.Code"] = code[..middle] + (code[middle] == 'A' ? 'B' : 'A') + code[(middle + 1)..];

        using var reset = await browser.SubmitAsync(link, form);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("This link has expired or was already used. Ask for a new one.", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var signIn = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_reset_link_without_its_code_shows_the_explanation_instead_of_a_form(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();

        var html = await browser.GetPageAsync("/account/reset-password?email=someone%40example.org");

        Assert.Contains("This link has expired or was already used. Ask for a new one.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", html, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Changing_the_password_signs_out_every_other_device(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var laptop = factory.NewBrowser();
        var email = await laptop.RegisterAndSignInAsync();
        using var phone = factory.NewBrowser();
        (await phone.SignInAsync(email)).Dispose();
        using var phoneApi = await phone.Client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Browser.Password });
        Assert.True(await phone.IsSignedInAsync());

        using var change = await laptop.SubmitAsync("/settings/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Browser.Password,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Contains("Other devices were signed out", await laptop.GetPageAsync("/settings/password"), StringComparison.Ordinal);
        using var phonePage = await phone.Client.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, phonePage.StatusCode);
        Assert.StartsWith("http://localhost/account/login", phonePage.Headers.Location?.ToString(), StringComparison.Ordinal);
        using var phoneMe = await phone.Client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, phoneMe.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_wrong_current_password_changes_nothing(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterAndSignInAsync();

        using var change = await browser.SubmitAsync("/settings/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not the password",
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains("isn&#x27;t your current password", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var other = factory.NewBrowser();
        using var signIn = await other.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }
}
