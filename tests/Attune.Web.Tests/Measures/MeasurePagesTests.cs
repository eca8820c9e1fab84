using System.Net;
using Attune.Web.Features.Measures;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Measures;

/// <summary>The measures and integration pages without JavaScript: plain forms that post, score and show the result.</summary>
public sealed class MeasurePagesTests
{
    private static Dictionary<string, string> Phq9(int itemNine) => new()
    {
        ["q1"] = "1",
        ["q2"] = "1",
        ["q3"] = "2",
        ["q4"] = "2",
        ["q5"] = "0",
        ["q6"] = "1",
        ["q7"] = "0",
        ["q8"] = "0",
        ["q9"] = itemNine.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Theory, ClassData(typeof(Providers))]
    public async Task Phq9_form_with_item_nine_above_zero_opens_the_result_with_the_safety_screen_and_crisis_links(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();

        var form = await browser.GetPageAsync("/measures/phq9");
        Assert.Contains("Thoughts that you would be better off dead or of hurting yourself in some way", form, StringComparison.Ordinal);
        Assert.Equal(36, System.Text.RegularExpressions.Regex.Count(form, "type=\"radio\""));

        using var posted = await browser.SubmitAsync("/measures/phq9", Phq9(itemNine: 1));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/measures/phq9/result?id=", location, StringComparison.Ordinal);
        var result = await browser.GetPageAsync(location);
        Assert.Contains("data-testid=\"safety-screen\"", result, StringComparison.Ordinal);
        Assert.Contains("Before anything else: how are you right now?", result, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:116123\"", result, StringComparison.Ordinal);
        Assert.Contains("href=\"/help/crisis\"", result, StringComparison.Ordinal);
        Assert.Contains("8 of 27", result, StringComparison.Ordinal);
        Assert.DoesNotContain("diagnosed", result, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await MeasuresApiTests.CountAsync(factory));

        using var calm = await browser.SubmitAsync("/measures/phq9", Phq9(itemNine: 0));
        var calmResult = await browser.GetPageAsync(calm.Headers.Location!.OriginalString);
        Assert.DoesNotContain("data-testid=\"safety-screen\"", calmResult, StringComparison.Ordinal);
        Assert.Contains("data-measure-chart=\"phq9\"", calmResult, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_form_with_unanswered_items_comes_back_marked_and_a_resent_form_is_stored_once(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();

        using var partial = await browser.SubmitAsync("/measures/who5", new Dictionary<string, string> { ["q1"] = "3", ["q3"] = "2" });
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var html = await partial.Content.ReadAsStringAsync();
        Assert.Contains("A few questions still need an answer.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"q2-error\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"q1-3\"[^>]*checked", html);
        Assert.Equal(0, await MeasuresApiTests.CountAsync(factory));
        foreach (var bad in new[] { "6", "-1", "often", "2.5" })
        {
            using var refused = await browser.SubmitAsync("/measures/who5", new Dictionary<string, string> { ["q1"] = "3", ["q2"] = bad, ["q3"] = "2", ["q4"] = "1", ["q5"] = "0" });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("id=\"q2-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(0, await MeasuresApiTests.CountAsync(factory));

        var page = await browser.GetPageAsync("/measures/who5");
        var fields = new Dictionary<string, string>
        {
            ["q1"] = "3",
            ["q2"] = "3",
            ["q3"] = "3",
            ["q4"] = "3",
            ["q5"] = "3",
            ["IdempotencyKey"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"IdempotencyKey\" value=\"([0-9a-f]+)\"").Groups[1].Value,
            ["__RequestVerificationToken"] = Browser.AntiforgeryToken(page),
        };
        using var first = await browser.Client.PostAsync("/measures/who5", new FormUrlEncodedContent(fields));
        using var again = await browser.Client.PostAsync("/measures/who5", new FormUrlEncodedContent(fields));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, await MeasuresApiTests.CountAsync(factory));
        Assert.Contains("15 of 25 (60 %)", await browser.GetPageAsync(first.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measures_pages_list_every_measure_and_an_unknown_one_is_not_found()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();

        var index = await browser.GetPageAsync("/measures");
        foreach (var form in MeasureCatalog.All)
        {
            Assert.Contains($"href=\"/measures/{form.Slug}\"", index, StringComparison.Ordinal);
        }
        Assert.Contains("You haven't filled this in yet.", await browser.GetPageAsync("/measures/gad7/result"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync("/measures/beck")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync("/measures/beck/result")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/measures/who5/result?id={Guid.NewGuid()}")).StatusCode);
        Assert.Contains("href=\"/measures\"", await browser.GetPageAsync("/insights"), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Integration_page_saves_a_reflection_and_shows_the_radar_table_and_practices_for_what_needs_care(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();

        var empty = await browser.GetPageAsync("/integration");
        Assert.DoesNotContain("data-chart=\"integration-radar\"", empty, StringComparison.Ordinal);
        var fields = Features.Integration.IntegrationDomains.All.ToDictionary(d => $"d-{d.Slug}", _ => "0");
        fields.Remove("d-memory");
        using var missing = await browser.SubmitAsync("/integration", fields);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("id=\"d-memory-error\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await IntegrationApiTests.CountAsync(factory));
        foreach (var bad in new[] { "4", "-4", "chaos", "1.5" })
        {
            fields["d-memory"] = bad;
            using var refused = await browser.SubmitAsync("/integration", fields);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("id=\"d-memory-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(0, await IntegrationApiTests.CountAsync(factory));

        fields["d-memory"] = "-2";
        fields["d-temporal"] = "3";
        using var saved = await browser.SubmitAsync("/integration", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await browser.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("data-chart=\"integration-radar\"", page, StringComparison.Ordinal);
        Assert.Contains("Far towards rigidity", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/practices?domain=memory\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/practices?domain=temporal\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/practices?domain=narrative\"", page, StringComparison.Ordinal);
        Assert.Equal(1, await IntegrationApiTests.CountAsync(factory));
    }
}
