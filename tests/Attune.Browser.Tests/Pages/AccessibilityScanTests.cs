using Attune.Browser.Tests.Infrastructure;
using Attune.Browser.Tests.Journeys;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace Attune.Browser.Tests.Pages;

/// <summary>
/// axe-core on every page of <see cref="SiteMap"/>, signed out and signed in, on a phone and a desktop, in the
/// light and the dark theme. One test per combination reports every failing page at once. The server runs in
/// Development so the outbox and style guide are scanned too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityScanTests(BrowserFixture browser) : IAsyncLifetime
{
    private AppServer? _server;

    private AppServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        _server = await AppServer.StartAsync(settings: AppServer.RelaxedRateLimits, environment: "Development");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public static TheoryData<FormFactor, ColorScheme> Looks => new()
    {
        { FormFactor.Phone, ColorScheme.Light },
        { FormFactor.Phone, ColorScheme.Dark },
        { FormFactor.Desktop, ColorScheme.Light },
        { FormFactor.Desktop, ColorScheme.Dark },
    };

    [AxeTheory]
    [MemberData(nameof(Looks))]
    public async Task Every_signed_out_page_has_no_serious_accessibility_violations(FormFactor formFactor, ColorScheme scheme)
    {
        await using var session = await browser.NewPageAsync(formFactor, scheme, Server.BaseAddress);
        await ScanAsync(session.Page, SiteMap.For(signedIn: false));
    }

    [AxeTheory]
    [MemberData(nameof(Looks))]
    public async Task Every_signed_in_page_has_no_serious_accessibility_violations(FormFactor formFactor, ColorScheme scheme)
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(Server);
        var (recording, partner) = await RecordingSteps.SeedDyadAsync(Server, email);
        var checkIn = await CheckInSteps.SeedFullAsync(Server, email);
        // A PHQ-9 whose result opens on the safety screen, twice for the chart, and a reflection for the radar.
        await MeasureSteps.SeedAsync(Server, email, "phq9", [2, 2, 2, 1, 1, 1, 1, 0, 0]);
        await MeasureSteps.SeedAsync(Server, email, "phq9", [1, 1, 1, 1, 1, 1, 0, 0, 1]);
        await MeasureSteps.SeedReflectionAsync(Server, email, -2, 0, 1, 0, 3, 0, -1, 0, 0);
        var practice = await PracticeSteps.SeedOwnAsync(Server, email);
        await using var session = await browser.NewPageAsync(formFactor, scheme, Server.BaseAddress);
        await AccountSteps.SignInAsync(session.Page, email);
        await ScanAsync(session.Page, SiteMap.For(signedIn: true), visit => SiteMap.Resolve(visit, recording, partner, checkIn, practice));
    }

    /// <summary>The therapist's pages, as the sample practice's therapist, about the client of a couple who share everything.</summary>
    [AxeTheory]
    [MemberData(nameof(Looks))]
    public async Task Every_therapist_page_has_no_serious_accessibility_violations(FormFactor formFactor, ColorScheme scheme)
    {
        await using var session = await browser.NewPageAsync(formFactor, scheme, Server.BaseAddress);
        var page = session.Page;
        await page.GotoAsync("account/demo");
        // Seven accounts with three months each: give the server time on a busy machine.
        await page.GetByRole(AriaRole.Button, new() { Name = "Try as a therapist" }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-caseload]")).ToBeVisibleAsync();
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Maya (demo)" }).First.GetAttributeAsync("href");
        var client = Guid.Parse(href!.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var pages = SiteMap.Pages.Where(p => p.Audience == Audience.Therapist).ToList();
        Assert.Equal(5, pages.Count);
        await ScanAsync(page, pages, visit => visit.Replace(SiteMap.Client, client.ToString(), StringComparison.Ordinal));
    }

    /// <summary>Error messages are where contrast and labelling usually slip, so the forms are scanned showing them.</summary>
    [AxeTheory]
    [MemberData(nameof(Looks))]
    public async Task Account_forms_showing_their_errors_have_no_serious_accessibility_violations(FormFactor formFactor, ColorScheme scheme)
    {
        await using var session = await browser.NewPageAsync(formFactor, scheme, Server.BaseAddress);
        var page = session.Page;
        var failures = new List<string>();
        foreach (var form in new[] { "account/login", "account/register", "account/forgot-password", "account/resend-confirmation" })
        {
            await page.GotoAsync(form);
            await page.Locator("main form button[type=submit]").First.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Assertions.Expect(page.Locator(".field-error:not(:empty), .validation-summary-errors").First).ToBeVisibleAsync();
            try
            {
                await Accessibility.AssertNoSeriousViolationsAsync(page);
            }
            catch (XunitException e)
            {
                failures.Add($"/{form} with errors: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void Site_map_lists_every_razor_page_route()
    {
        var routes = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);
        var listed = SiteMap.Pages.Select(p => p.Route).ToHashSet(StringComparer.Ordinal);

        Assert.True(routes.Count > 10, "No Razor page endpoints were found; has discovery stopped working?");
        Assert.True(routes.SetEquals(listed),
            $"Razor pages missing from SiteMap.Pages (add them so they are scanned): {string.Join(", ", routes.Except(listed).Order())}. " +
            $"Listed but no longer in the app: {string.Join(", ", listed.Except(routes).Order())}.");
    }

    private static Task ScanAsync(IPage page, IEnumerable<SitePage> pages, Func<string, string>? resolve = null) =>
        Accessibility.AssertPagesHaveNoSeriousViolationsAsync(page, pages.SelectMany(p => p.Visits).Select(resolve ?? (v => v)));
}
