using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Admin;
using Attune.Web.Features.Audit;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Audit;

public sealed class InstanceOwnerTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static object Registration(string email, string? invitation = null) =>
        new { email, password = Browser.Password, displayName = "Sam", timeZone = "Europe/Berlin", invitation };

    [Theory, ClassData(typeof(Providers))]
    public async Task The_first_account_on_a_fresh_instance_is_ready_at_once_and_administers_it_and_the_second_is_not(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, claimed: false,
            settings: new Dictionary<string, string?> { ["Attune:Registration"] = "invite" });
        using var client = factory.CreateClientWithCookies();

        using var first = await client.PostAsJsonAsync("/api/v1/auth/register", Registration("first@example.org"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.True((await first.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("ready").GetBoolean());
        Assert.Null(factory.Services.GetRequiredService<Attune.Web.Features.Accounts.DevOutbox>().LatestTo("first@example.org"));

        using (var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "first@example.org", password = Browser.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        using (var people = await client.GetAsync("/api/v1/admin/people"))
        {
            Assert.Equal(HttpStatusCode.OK, people.StatusCode);
            var person = Assert.Single((await people.Content.ReadFromJsonAsync<List<PersonDto>>(Json))!);
            Assert.True(person.Admin);
        }

        // Now the instance has its owner: invitation mode applies.
        using var second = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register", Registration("second@example.org"));
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal("Registration is by invitation", (await second.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("title").GetString());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.AdminGranted));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Two_first_registrations_at_once_make_exactly_one_administrator(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, claimed: false,
            settings: new Dictionary<string, string?> { ["Attune:Registration"] = "closed" });
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register", Registration($"racer-{i}@example.org"))));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Forbidden));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        Assert.Equal(1, await Instance.AdminCountAsync(db));
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_invitation_lets_one_person_register_confirmed_once_and_only_for_its_address(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider,
            settings: new Dictionary<string, string?> { ["Attune:Registration"] = "invite" });
        var admin = await SignInAsOwnerAsync(factory);

        using var invite = await admin.PostAsJsonAsync("/api/v1/admin/invitations", new { email = "guest@example.org", expiresInDays = 3 });
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var created = (await invite.Content.ReadFromJsonAsync<CreatedInvitationDto>(Json))!;
        Assert.Equal("waiting", created.Invitation.Status);
        var secret = new Uri(created.Link).Query.Split('=')[1];
        // The outbox of a test instance receives the invitation too.
        Assert.Contains(created.Link, factory.Services.GetRequiredService<Attune.Web.Features.Accounts.DevOutbox>().LatestTo("guest@example.org")!.HtmlBody.Replace("&amp;", "&"), StringComparison.Ordinal);

        using var anonymous = factory.CreateClient();
        using (var other = await anonymous.PostAsJsonAsync("/api/v1/auth/register", Registration("someone-else@example.org", secret)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        }
        using (var used = await anonymous.PostAsJsonAsync("/api/v1/auth/register", Registration("guest@example.org", secret)))
        {
            Assert.Equal(HttpStatusCode.Accepted, used.StatusCode);
            Assert.True((await used.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("ready").GetBoolean());
        }
        using (var again = await anonymous.PostAsJsonAsync("/api/v1/auth/register", Registration("guest2@example.org", secret)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
            Assert.Equal("Invitation not usable", (await again.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("title").GetString());
        }
        using (var login = await factory.CreateClientWithCookies().PostAsJsonAsync("/api/v1/auth/login", new { email = "guest@example.org", password = Browser.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        var list = (await admin.GetFromJsonAsync<List<InvitationDto>>("/api/v1/admin/invitations", Json))!;
        Assert.Equal("used", Assert.Single(list).Status);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_withdrawn_or_expired_invitation_no_longer_works(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider,
            settings: new Dictionary<string, string?> { ["Attune:Registration"] = "closed" });
        var admin = await SignInAsOwnerAsync(factory);
        var withdrawn = await InviteAsync(admin, days: 7);
        var expiring = await InviteAsync(admin, days: 1);

        using (var revoke = await admin.DeleteAsync($"/api/v1/admin/invitations/{withdrawn.Invitation.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }
        using (var twice = await admin.DeleteAsync($"/api/v1/admin/invitations/{withdrawn.Invitation.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
        }
        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        using var anonymous = factory.CreateClient();
        foreach (var link in new[] { withdrawn.Link, expiring.Link })
        {
            using var page = await anonymous.GetAsync(new Uri(link).PathAndQuery);
            Assert.Contains("can&#x27;t be used any more", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var api = await anonymous.PostAsJsonAsync("/api/v1/auth/register", Registration($"x-{Guid.NewGuid():N}@example.org", new Uri(link).Query.Split('=')[1]));
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        }
        // Closed means closed without an invitation, and the page says so instead of showing the form.
        using var closed = await anonymous.GetAsync("/account/register");
        var html = await closed.Content.ReadAsStringAsync();
        Assert.Contains("isn&#x27;t taking new accounts", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", html, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_administrator_can_confirm_an_address_and_ordinary_people_cannot_administer(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var admin = await SignInAsOwnerAsync(factory);
        using var anonymous = factory.CreateClient();
        using (var register = await anonymous.PostAsJsonAsync("/api/v1/auth/register", Registration("unconfirmed@example.org")))
        {
            Assert.Equal(HttpStatusCode.Accepted, register.StatusCode);
        }
        var people = (await admin.GetFromJsonAsync<List<PersonDto>>("/api/v1/admin/people", Json))!;
        var waiting = Assert.Single(people, p => p.Email == "unconfirmed@example.org");
        Assert.False(waiting.EmailConfirmed);

        var (_, ordinary) = await TestUsers.SignedInAsync(factory);
        using (var refused = await ordinary.PostAsync($"/api/v1/admin/people/{waiting.Id}/confirm-email", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Administrators only", (await refused.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("title").GetString());
        }
        using (var page = await ordinary.GetAsync("/admin"))
        {
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }
        using (var confirm = await admin.PostAsync($"/api/v1/admin/people/{waiting.Id}/confirm-email", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, confirm.StatusCode);
        }
        using (var missing = await admin.PostAsync($"/api/v1/admin/people/{Guid.NewGuid()}/confirm-email", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        using var login = await factory.CreateClientWithCookies().PostAsJsonAsync("/api/v1/auth/login", new { email = "unconfirmed@example.org", password = Browser.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var log = (await admin.GetFromJsonAsync<AuditPageDto>("/api/v1/admin/audit", Json))!;
        Assert.Contains(log.Entries, e => e.Action == AuditActions.AdminConfirmedEmail && e.Owner == waiting.Id);
        var verify = (await admin.GetFromJsonAsync<AuditVerificationDto>("/api/v1/admin/audit/verify", Json))!;
        Assert.True(verify.Intact);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_administrators_token_cannot_administer(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var owner = await db.Users.SingleAsync(u => u.Email == TestInstance.OwnerEmail);
        using var token = await TestUsers.WithAccessTokenAsync(factory, new TestUser(owner.Id, TestInstance.OwnerEmail));

        using var refused = await token.GetAsync("/api/v1/admin/people");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public void Resolve_UnsetOrUnknown_DefaultsByEnvironmentAndRefusesNonsense()
    {
        var production = new FakeEnvironment("Production");
        var development = new FakeEnvironment("Development");

        Assert.Equal(RegistrationMode.Invite, Instance.Resolve(null, production));
        Assert.Equal(RegistrationMode.Open, Instance.Resolve(" ", development));
        Assert.Equal(RegistrationMode.Closed, Instance.Resolve("Closed", production));
        Assert.Equal(RegistrationMode.Open, Instance.Resolve("open", production));
        Assert.Null(Instance.Resolve("everyone", production));
    }

    [Fact]
    public void LinkSecrets_New_IsUrlSafeAndOnlyItsHashIsKept()
    {
        var (secret, hash) = LinkSecrets.New();

        Assert.True(LinkSecrets.LooksValid(secret));
        Assert.False(LinkSecrets.LooksValid(secret + "x"));
        Assert.False(LinkSecrets.LooksValid("../../etc/passwd"));
        Assert.Equal(LinkSecrets.Hash(secret), hash);
        Assert.DoesNotContain(secret, hash, StringComparison.Ordinal);
    }

    /// <summary>Signs in as the test instance's administrator (who has no password) through a one-time link.</summary>
    internal static async Task<HttpClient> SignInAsOwnerAsync(AttuneWebFactory factory)
    {
        string secret;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            var owner = await db.Users.SingleAsync(u => u.Email == TestInstance.OwnerEmail);
            secret = await SignInLinks.CreateAsync(db, owner.Id, factory.Clock.GetUtcNow().UtcDateTime);
        }
        var browser = factory.NewBrowser();
        using var signedIn = await browser.SubmitAsync($"/account/link?code={secret}", new Dictionary<string, string> { ["Code"] = secret });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser.Client;
    }

    private static async Task<CreatedInvitationDto> InviteAsync(HttpClient admin, int days)
    {
        using var invite = await admin.PostAsJsonAsync("/api/v1/admin/invitations", new { expiresInDays = days });
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        return (await invite.Content.ReadFromJsonAsync<CreatedInvitationDto>(Json))!;
    }

    private sealed class FakeEnvironment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Attune.Web";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
