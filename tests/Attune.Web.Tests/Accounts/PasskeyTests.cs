using System.Net;
using System.Text.Json;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Accounts;

/// <summary>
/// The passkey handlers over HTTP: what they hand out, and what they refuse (the full ceremony with a real
/// authenticator is in the browser suite's PasskeyJourneyTests).
/// </summary>
public sealed class PasskeyTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Creation_options_need_the_current_password_and_name_this_site_and_person(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterAndSignInAsync();

        using var wrong = await browser.SubmitAsync("/settings/passkeys", new Dictionary<string, string> { ["password"] = "not the password" }, handler: "Options");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using (var problem = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()))
        {
            Assert.Contains("isn't your current password", problem.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        using var right = await browser.SubmitAsync("/settings/passkeys", new Dictionary<string, string> { ["password"] = Browser.Password }, handler: "Options");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var options = JsonDocument.Parse(await right.Content.ReadAsStringAsync());
        Assert.Equal(email, options.RootElement.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("localhost", options.RootElement.GetProperty("rp").GetProperty("id").GetString());
        Assert.True(options.RootElement.GetProperty("challenge").GetString()!.Length >= 32);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_forged_credential_adds_nothing_and_signs_nobody_in(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();

        // Without a ceremony under way, and with one under way but a made-up answer: a message, never a 500.
        using var early = await browser.SubmitAsync("/settings/passkeys",
            new Dictionary<string, string> { ["password"] = Browser.Password, ["credential"] = "{\"id\":\"AAAA\"}" }, handler: "Add");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("Please try adding the passkey again", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        (await browser.SubmitAsync("/settings/passkeys", new Dictionary<string, string> { ["password"] = Browser.Password }, handler: "Options")).Dispose();
        using var forged = await browser.SubmitAsync("/settings/passkeys",
            new Dictionary<string, string> { ["password"] = Browser.Password, ["credential"] = "{\"id\":\"AAAA\",\"type\":\"public-key\",\"response\":{}}" }, handler: "Add");
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var page = await forged.Content.ReadAsStringAsync();
        Assert.Contains("wasn&#x27;t added", page, StringComparison.Ordinal);
        Assert.Contains("You haven't added a passkey yet.", page, StringComparison.Ordinal);

        using var stranger = factory.NewBrowser();
        await stranger.GetPageAsync("/account/login");
        (await stranger.SubmitAsync("/account/login", new Dictionary<string, string>(), handler: "PasskeyOptions")).Dispose();
        using var signIn = await stranger.SubmitAsync("/account/login",
            new Dictionary<string, string> { ["credential"] = "{\"id\":\"AAAA\",\"type\":\"public-key\",\"response\":{}}" }, handler: "Passkey");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("That passkey didn", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await stranger.IsSignedInAsync());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Renaming_or_removing_a_passkey_that_is_not_yours_is_not_found(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();

        foreach (var id in new[] { "AAAAAAAAAAAAAAAAAAAAAA", "not base64url!", "" })
        {
            using var remove = await browser.SubmitAsync("/settings/passkeys", new Dictionary<string, string> { ["id"] = id }, handler: "Remove");
            Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
            using var rename = await browser.SubmitAsync("/settings/passkeys", new Dictionary<string, string> { ["id"] = id, ["name"] = "Mine now" }, handler: "Rename");
            Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_second_step_options_need_the_password_step_first(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var token = Browser.AntiforgeryToken(await browser.GetPageAsync("/account/login"));
        using var options = await browser.Client.PostAsync("/account/login-2fa?handler=PasskeyOptions",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.BadRequest, options.StatusCode);
        Assert.Contains("timed out", await options.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
