using System.Net;
using System.Net.Http.Json;
using Attune.Web.Features.Accounts;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Accounts;

public sealed class PasswordRulesTests(SharedApps apps) : IClassFixture<SharedApps>
{
    [Theory]
    [InlineData("1234567890")]
    [InlineData("qwertyuiop")]
    [InlineData("Password2024!")]
    [InlineData("  baseball123  ")]
    public void IsCommon_ListedOrListedWithDigits_True(string password) => Assert.True(PasswordRules.IsCommon(password));

    [Theory]
    [InlineData("a calm river at dawn")]
    [InlineData("the kettle sings at seven")]
    [InlineData("purple-otter-gravel")]
    public void IsCommon_Passphrase_False(string password) => Assert.False(PasswordRules.IsCommon(password));

    [Theory]
    [InlineData("river.song@example.org", "river.song@example.org", "")]
    [InlineData("RiverSong1990", "river.song@example.org", "")]
    [InlineData("samantha-123", "sam@example.org", "Samantha")]
    public void IsTooPersonal_MostlyEmailOrName_True(string password, string email, string name) =>
        Assert.True(PasswordRules.IsTooPersonal(password, email, name, 10));

    [Theory]
    [InlineData("a calm river at dawn", "person@example.org", "River")]
    [InlineData("jo likes long walks", "jo@example.org", "Jo")]
    public void IsTooPersonal_LongPasswordThatMentionsTheName_False(string password, string email, string name) =>
        Assert.False(PasswordRules.IsTooPersonal(password, email, name, 10));

    public static TheoryData<DatabaseProvider, string, string> WeakPasswords()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in new Providers())
        {
            data.Add(provider, "1234567890", "one of the most common ones");
            data.Add(provider, "{email}", "mostly your email address or name");
            data.Add(provider, "Rosalind2024", "mostly your email address or name");
        }
        return data;
    }

    [Theory, MemberData(nameof(WeakPasswords))]
    public async Task Registration_refuses_common_and_personal_passwords_with_a_kind_explanation(DatabaseProvider provider, string password, string message)
    {
        var factory = await apps.ForAsync(provider);
        using var client = factory.CreateClient();
        var email = $"rosalind-{Guid.NewGuid():N}@example.org";

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = password.Replace("{email}", email, StringComparison.Ordinal), displayName = "Rosalind" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_weak_password_is_refused_the_same_way_for_an_address_that_already_has_an_account(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var known = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = known.Email, password = "1234567890" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("one of the most common ones", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Changing_the_password_to_a_common_one_is_refused(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();

        using var response = await browser.SubmitAsync("/settings/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Browser.Password,
            ["Input.NewPassword"] = "password123",
            ["Input.ConfirmPassword"] = "password123",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("one of the most common ones", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
