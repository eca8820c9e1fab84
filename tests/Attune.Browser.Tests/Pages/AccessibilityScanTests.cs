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
/// Development so the outbox and style guide are scanned too. The looks share one server, one seeded person and
/// one sign-in of each kind (<see cref="ScanSite"/>): each look still opens its own context in its own size and
/// theme, and first checks it is signed in as it should be.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityScanTests(BrowserFixture browser, ScanSite site) : IClassFixture<ScanSite>
{
    private AppServer Server => site.Server;

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
        await using var session = await site.SignedInPageAsync(browser, formFactor, scheme);
        var seeded = site.Seeded;
        await ScanAsync(session.Page, SiteMap.For(signedIn: true),
            visit => SiteMap.Resolve(visit, seeded.Recording, seeded.Partner, seeded.CheckIn, seeded.Practice));
    }

    /// <summary>The therapist's pages, as the sample practice's therapist, about the client of a couple who share everything.</summary>
    [AxeTheory]
    [MemberData(nameof(Looks))]
    public async Task Every_therapist_page_has_no_serious_accessibility_violations(FormFactor formFactor, ColorScheme scheme)
    {
        await using var session = await site.TherapistPageAsync(browser, formFactor, scheme);
        var page = session.Page;
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

/// <summary>
/// What the scans share: the app in Development, started once for the class; one person with a recording of two
/// people, a full check-in, two PHQ-9s, a reflection and a practice of their own, seeded once; and the cookies of
/// that person signed in through the form, and of a therapist of the sample practice, each made once by the first
/// look that needs them and reused by the others (every scanned visit is a GET that changes nothing).
/// </summary>
public sealed class ScanSite : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AppServer? _server;
    private SeededPerson? _seeded;
    private string? _signedIn;
    private string? _therapist;

    public AppServer Server => _server ?? throw new InvalidOperationException("Not started.");

    /// <summary>The seeded person's ids, once <see cref="SignedInPageAsync"/> has seeded them.</summary>
    public SeededPerson Seeded => _seeded ?? throw new InvalidOperationException("Not seeded yet.");

    public async Task InitializeAsync() =>
        _server = await AppServer.StartAsync(settings: AppServer.RelaxedRateLimits, environment: "Development");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _gate.Dispose();
    }

    /// <summary>A page signed in as the seeded person, on their home page.</summary>
    public async Task<PageSession> SignedInPageAsync(BrowserFixture browser, FormFactor formFactor, ColorScheme scheme)
    {
        var session = await OnceAsync(browser, formFactor, scheme, () => _signedIn, state => _signedIn = state, async page =>
        {
            var email = await AccountSteps.SeedConfirmedUserAsync(Server);
            var (recording, partner) = await RecordingSteps.SeedDyadAsync(Server, email);
            var checkIn = await CheckInSteps.SeedFullAsync(Server, email);
            // A PHQ-9 whose result opens on the safety screen, twice for the chart, and a reflection for the radar.
            await MeasureSteps.SeedAsync(Server, email, "phq9", [2, 2, 2, 1, 1, 1, 1, 0, 0]);
            await MeasureSteps.SeedAsync(Server, email, "phq9", [1, 1, 1, 1, 1, 1, 0, 0, 1]);
            await MeasureSteps.SeedReflectionAsync(Server, email, -2, 0, 1, 0, 3, 0, -1, 0, 0);
            var practice = await PracticeSteps.SeedOwnAsync(Server, email);
            _seeded = new SeededPerson(recording, partner, checkIn, practice);
            await AccountSteps.SignInAsync(page, email);
        });
        // Reused cookies must still sign in: a signed-out visitor asking for the home page is sent to sign in.
        await session.Page.GotoAsync("");
        Assert.Matches(AccountSteps.HomePage(), session.Page.Url);
        return session;
    }

    /// <summary>A page signed in as the therapist of the sample practice (made by "Try as a therapist"), on their caseload.</summary>
    public async Task<PageSession> TherapistPageAsync(BrowserFixture browser, FormFactor formFactor, ColorScheme scheme)
    {
        var session = await OnceAsync(browser, formFactor, scheme, () => _therapist, state => _therapist = state, async page =>
        {
            await page.GotoAsync("account/demo");
            // Seven accounts with three months each: give the server time on a busy machine.
            await page.GetByRole(AriaRole.Button, new() { Name = "Try as a therapist" }).ClickAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-caseload]")).ToBeVisibleAsync();
        });
        await session.Page.GotoAsync("therapist");
        return session;
    }

    /// <summary>
    /// A new context in this look: the first caller signs in with <paramref name="signIn"/> and keeps the context's cookies;
    /// later callers start with them.
    /// </summary>
    private async Task<PageSession> OnceAsync(
        BrowserFixture browser, FormFactor formFactor, ColorScheme scheme, Func<string?> saved, Action<string> save, Func<IPage, Task> signIn)
    {
        await _gate.WaitAsync();
        try
        {
            if (saved() is { } state)
            {
                return await browser.NewPageAsync(formFactor, scheme, Server.BaseAddress, storageState: state);
            }

            var session = await browser.NewPageAsync(formFactor, scheme, Server.BaseAddress);
            try
            {
                await signIn(session.Page);
                save(await session.Context.StorageStateAsync());
                return session;
            }
            catch
            {
                await session.DisposeAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>The ids of the seeded person's recording pair, check-in and own practice.</summary>
public sealed record SeededPerson(Guid Recording, Guid Partner, Guid CheckIn, Guid Practice);
