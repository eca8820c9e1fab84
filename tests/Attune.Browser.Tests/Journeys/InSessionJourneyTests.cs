using System.Text.RegularExpressions;
using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Therapists;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// A therapist (Tara) and her client (Sam, who shares heart data with her) in session, each in their own browser with a
/// simulated strap: Tara starts the live view from Sam's page; Sam sees the invitation on his home page, reads what it
/// shares, agrees and says how he is; both see both heart rates and how in step they are; Tara ends it, Sam says how he
/// is after, and the session is in Tara's report. A second session: Sam stops sharing it mid-way and Tara's view ends
/// with a clear message. Then the sample practice on a phone, for the documentation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class InSessionJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Therapist_and_client_see_both_hearts_and_synchrony_the_client_can_stop_it_and_the_session_is_in_the_report()
    {
        var taraEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Tara");
        var samEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Sam");
        var sam = await SeedAsync(taraEmail, samEmail);
        await using var taraSession = await browser.NewPageAsync(FormFactor.Desktop);
        await using var samSession = await browser.NewPageAsync(FormFactor.Phone);
        var tara = taraSession.Page;
        var samPage = samSession.Page;
        await AccountSteps.SignInAsync(tara, taraEmail);
        await AccountSteps.SignInAsync(samPage, samEmail);

        // Tara starts from Sam's page.
        await tara.GotoAsync($"therapist/clients/{sam}");
        await tara.GetByRole(AriaRole.Button, new() { Name = "Start a live session" }).ClickAsync();
        await Expect(tara.GetByRole(AriaRole.Heading, new() { Name = "In session with Sam" })).ToBeVisibleAsync();
        var live = new Uri(tara.Url).AbsolutePath.TrimStart('/');
        Assert.Matches($"^therapist/clients/{sam}/live/[0-9a-f-]{{36}}$", live);
        await tara.GotoAsync(live + "?strap=simulated&strapSeed=1&strapHr=64");
        await Expect(tara.Locator("[data-live-presence]")).ToHaveTextAsync("Waiting for Sam to join.");

        // Sam is invited on his home page, reads what it shares, and must agree before joining.
        await samPage.GotoAsync("");
        await Expect(samPage.GetByTestId("in-session-invitation")).ToContainTextAsync("Tara has started a live session");
        await Accessibility.AssertNoSeriousViolationsAsync(samPage);
        await samPage.GetByRole(AriaRole.Link, new() { Name = "See and join the session" }).ClickAsync();
        var join = new Uri(samPage.Url).AbsolutePath.TrimStart('/');
        Assert.Matches("^therapy/live/[0-9a-f-]{36}$", join);
        await samPage.GotoAsync(join + "?strap=simulated&strapSeed=2&strapHr=78");
        await Expect(samPage.Locator("[data-consent-text]")).ToContainTextAsync("For this session only");
        await Accessibility.AssertNoSeriousViolationsAsync(samPage);
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Activated" }).ClickAsync();
        await Expect(samPage.Locator("[data-live-agree-message]")).ToBeVisibleAsync();
        await samPage.GetByLabel("I agree, for this session").CheckAsync();
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Activated" }).ClickAsync();
        await Expect(tara.Locator("[data-live-presence]")).ToHaveTextAsync("Sam is here.");
        await Expect(tara.Locator("[data-client-before]")).ToHaveTextAsync("Activated");
        await Expect(samPage.Locator("[data-live-presence]")).ToHaveTextAsync("Tara is here.");

        // Straps on: each sees both heart rates; after half a minute, how in step they are, on Tara's chart too.
        await tara.GetByRole(AriaRole.Button, new() { Name = "Connect my heart-rate strap" }).ClickAsync();
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Connect my heart-rate strap" }).ClickAsync();
        foreach (var page in new[] { tara, samPage })
        {
            await Expect(page.Locator("[data-heart=me] [data-bpm]")).ToHaveTextAsync(Digits());
            await Expect(page.Locator("[data-heart=partner] [data-bpm]")).ToHaveTextAsync(Digits());
        }
        await Expect(tara.Locator("[data-heart=partner] [data-bpm]")).ToHaveTextAsync(new Regex("^(7\\d|8\\d|9[0-2])$"));
        await Expect(tara.Locator("[data-live-sync-value]")).ToHaveTextAsync(new Regex("^[01]\\.\\d\\d$"), new() { Timeout = 60_000 });
        await Expect(tara.GetByTestId("sync-chart")).ToBeVisibleAsync();
        await Expect(samPage.Locator("[data-live-sync-value]")).ToHaveTextAsync(new Regex("^[01]\\.\\d\\d$"));
        // A few more windows, so the whole session is long enough for its own figure (30 s windows) when it is saved.
        await tara.WaitForFunctionAsync("() => Number(document.querySelector('[data-sync-chart]').dataset.points) >= 4", null, new() { Timeout = 60_000 });
        await Accessibility.AssertNoSeriousViolationsAsync(tara);
        await Accessibility.AssertNoSeriousViolationsAsync(samPage);
        Console.WriteLine($"In session: in step {await tara.Locator("[data-live-sync-value]").InnerTextAsync()} after the first windows");
        await Screenshots.SaveAsync(tara, "therapist-live-desktop", fullPage: true);
        await tara.SetViewportSizeAsync(390, 844);
        await AssertFitsAsync(tara);
        await tara.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Screenshots.SaveAsync(tara, "therapist-live-phone");
        await tara.SetViewportSizeAsync(1280, 800);
        await AssertFitsAsync(samPage);
        await samPage.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Screenshots.SaveAsync(samPage, "therapy-live-client-phone");

        // Tara ends it: both see the summary; Sam says how he is now.
        await tara.GetByRole(AriaRole.Button, new() { Name = "End the session" }).ClickAsync();
        await Expect(tara.Locator("[data-summary-outcome]")).ToHaveTextAsync("The session with Sam has ended.", new() { Timeout = 10_000 });
        await Expect(tara.Locator("[data-summary-partner]")).ToHaveTextAsync(Digits());
        await Expect(tara.GetByTestId("curves-chart")).ToBeVisibleAsync();
        await Expect(samPage.GetByRole(AriaRole.Heading, new() { Name = "And how are you now?" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Connected" }).ClickAsync();
        await Expect(samPage.GetByText("You said: Connected.")).ToBeVisibleAsync();
        await Expect(samPage.GetByTestId("curves-chart")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(samPage);

        // The report holds it, with Sam's state before and after.
        await tara.GotoAsync($"therapist/clients/{sam}/report");
        var row = tara.Locator("[data-section=in-session] tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Activated → connected");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(new Regex("^[01]\\.\\d\\d$"));
        await Accessibility.AssertNoSeriousViolationsAsync(tara);

        // A second session: Sam stops sharing it mid-way; Tara's view ends with a clear message, and the report keeps only the first.
        await tara.GotoAsync($"therapist/clients/{sam}");
        await tara.GetByRole(AriaRole.Button, new() { Name = "Start a live session" }).ClickAsync();
        await Expect(tara.Locator("[data-live-presence]")).ToHaveTextAsync("Waiting for Sam to join.");
        await samPage.GotoAsync("settings/therapist");
        await samPage.GetByRole(AriaRole.Link, new() { Name = "See and join the session" }).ClickAsync();
        await samPage.GetByLabel("I agree, for this session").CheckAsync();
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Shut down" }).ClickAsync();
        await Expect(tara.Locator("[data-live-presence]")).ToHaveTextAsync("Sam is here.");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Stop sharing this session" }).ClickAsync();
        await Expect(samPage.GetByText("You stopped sharing this session. Your therapist's view has ended")).ToBeVisibleAsync();
        await Expect(tara.Locator("[data-live-status]")).ToHaveTextAsync(
            "Sam stopped sharing this session. The live view has ended, and the session stays private to them.", new() { Timeout = 10_000 });
        await Expect(tara.Locator("[data-live-session]")).ToBeHiddenAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(tara);
        await tara.GotoAsync($"therapist/clients/{sam}/report");
        await Expect(tara.Locator("[data-section=in-session] tbody tr")).ToHaveCountAsync(1);
        // Sam's ledger lists both sessions with the text he agreed to.
        await samPage.GotoAsync("settings/therapist");
        await Expect(samPage.Locator("[data-ledger-row=in-session]")).ToHaveCountAsync(2);
        await Expect(samPage.Locator("[data-ledger-row=in-session]").First).ToContainTextAsync("stopped by you");
    }

    [Fact]
    public async Task The_sample_practice_on_a_phone()
    {
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await page.GotoAsync("account/demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Try as a therapist" }).ClickAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your clients", Level = 1 })).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "therapist-caseload-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = "Maya (demo)" }).ClickAsync();
        await Expect(page.Locator("[data-in-session-card]")).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "therapist-client-phone");
    }

    /// <summary>Nothing wider than the phone: no sideways scrolling of the page itself.</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"The page is {overflow} px wider than the phone");
    }

    /// <summary>Tara is a therapist; Sam shares check-ins and heart data with her. Returns Sam's id.</summary>
    private async Task<Guid> SeedAsync(string taraEmail, string samEmail)
    {
        using var scope = browser.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var tara = (await users.FindByEmailAsync(taraEmail))!;
        var sam = (await users.FindByEmailAsync(samEmail))!;
        var practice = new TherapyPractice { Id = Guid.CreateVersion7(), Name = $"Journey practice {Guid.NewGuid():N}", CreatedAt = DateTime.UtcNow };
        db.Add(practice);
        db.Add(new Therapist { UserId = tara.Id, PracticeId = practice.Id, GrantedAt = DateTime.UtcNow });
        db.Grants.Add(new Grant
        {
            Id = Guid.CreateVersion7(),
            OwnerId = sam.Id,
            GranteeId = tara.Id,
            GranteeEmail = tara.Email!,
            NormalizedGranteeEmail = tara.NormalizedEmail!,
            Kind = GrantKind.Therapist,
            Streams = DataStream.CheckIns | DataStream.Recordings,
            Status = GrantStatus.Active,
            ConsentVersion = TherapistConsent.CurrentVersion,
            CreatedAt = DateTime.UtcNow,
            AcceptedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return sam.Id;
    }

    [GeneratedRegex("^\\d{2,3}$")]
    private static partial Regex Digits();
}
