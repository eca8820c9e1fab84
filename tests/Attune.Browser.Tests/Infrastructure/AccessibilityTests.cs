using Microsoft.Playwright;

namespace Attune.Browser.Tests.Infrastructure;

[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    // A made-up origin answered by Playwright's router, so the scanner is checked under the strict CSP
    // the app sends, without depending on any page of the app.
    private static readonly Uri Origin = new("http://attune.test/");

    [AxeFact]
    public async Task AssertNoSeriousViolations_AccessiblePageUnderStrictCsp_Passes()
    {
        await using var session = await OpenAsync(
            """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Check-in</title></head>
            <body><main><h1>Check-in</h1><label for="m">Mood</label><input id="m" name="m"></main></body></html>
            """);

        await Accessibility.AssertNoSeriousViolationsAsync(session.Page);
    }

    [AxeFact]
    public async Task AssertNoSeriousViolations_ImageWithoutAlt_FailsNamingRuleAndElement()
    {
        await using var session = await OpenAsync(
            """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chart</title></head>
            <body><main><h1>Chart</h1><img id="chart" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>
            """);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Accessibility.AssertNoSeriousViolationsAsync(session.Page));

        Assert.Contains("image-alt (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#chart", failure.Message, StringComparison.Ordinal);
    }

    private async Task<PageSession> OpenAsync(string html)
    {
        var session = await browser.NewPageAsync(baseAddress: Origin);
        await session.Page.RouteAsync(Origin + "**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Headers = new Dictionary<string, string>
            {
                ["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; img-src 'self' data:",
            },
            Body = html,
        }));
        await session.Page.GotoAsync("/");
        return session;
    }
}
