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
}
