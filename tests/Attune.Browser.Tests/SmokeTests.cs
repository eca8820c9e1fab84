using Attune.Browser.Tests.Infrastructure;

namespace Attune.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SmokeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Healthz_shows_ok_in_the_browser()
    {
        await using var session = await browser.NewPageAsync(FormFactor.Phone);

        var response = await session.Page.GotoAsync("healthz");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("ok", (await session.Page.Locator("body").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task The_fingerprinted_stylesheet_and_script_load_compressed_and_apply()
    {
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var assets = new List<(string Url, int Status, string? Encoding)>();
        session.Page.Response += (_, r) =>
        {
            if (r.Url.Contains("/dist/app.", StringComparison.Ordinal))
            {
                assets.Add((r.Url, r.Status, r.Headers.GetValueOrDefault("content-encoding")));
            }
        };

        await session.Page.GotoAsync("help/crisis");
        await session.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        Assert.Equal(2, assets.Count);
        Assert.All(assets, a =>
        {
            Assert.Matches(@"/dist/app\.[a-z0-9]{6,}\.(css|js)$", a.Url);
            Assert.Equal(200, a.Status);
            Assert.Contains(a.Encoding, new[] { "br", "gzip" });
        });
        var rules = await session.Page.EvaluateAsync<int>("() => [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0)");
        Assert.True(rules > 50, $"only {rules} CSS rules applied");
    }
}
