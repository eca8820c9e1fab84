using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Therapists;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// A therapist invites Maya; Maya shares check-ins and measures; the therapist sees exactly those, sets homework; Maya does it
/// and both see it; Maya stops sharing measures and the therapist's next page has none; Maya's partner Jonas consents and the
/// therapist sees the couple side by side. Then the sample practice, for the documentation's screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TherapistJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Therapist_invites_client_consents_sees_only_that_sets_homework_and_loses_a_revoked_stream()
    {
        var alexEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Alex");
        var mayaEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Maya");
        var jonasEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Jonas");
        await SeedAsync(alexEmail, mayaEmail, jonasEmail);
        await CheckInSteps.SeedAsync(browser.Server, mayaEmail, new CheckInRequest("activated", 7, EmotionIds: ["overwhelmed"], Visibility: "shared"));
        await MeasureSteps.SeedAsync(browser.Server, mayaEmail, "who5", [2, 2, 2, 2, 2]);
        await using var alexSession = await browser.NewPageAsync(FormFactor.Desktop);
        await using var mayaSession = await browser.NewPageAsync(FormFactor.Desktop);
        var alex = alexSession.Page;
        var maya = mayaSession.Page;
        await AccountSteps.SignInAsync(alex, alexEmail);
        await AccountSteps.SignInAsync(maya, mayaEmail);

        // Alex makes a code.
        await alex.GotoAsync("therapist");
        await Expect(alex.GetByText("No one shares with you yet.")).ToBeVisibleAsync();
        await alex.GetByRole(AriaRole.Button, new() { Name = "Make a code" }).ClickAsync();
        var code = (await alex.GetByTestId("therapist-code").InnerTextAsync()).Trim();
        await Accessibility.AssertNoSeriousViolationsAsync(alex);

        // Maya shares check-ins and measures (the two ticked by default), after a wrong code and forgetting to agree.
        await maya.GotoAsync("settings/therapist");
        await Accessibility.AssertNoSeriousViolationsAsync(maya);
        await maya.GetByLabel("The code your therapist gave you").FillAsync("AAAA-AAAA");
        await maya.GetByLabel("I understand, and I want to share this").CheckAsync();
        await maya.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await Expect(maya.GetByText("That code doesn't work.")).ToBeVisibleAsync();
        await maya.GetByLabel("The code your therapist gave you").FillAsync(code);
        await maya.GetByLabel("I understand, and I want to share this").CheckAsync();
        await maya.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await Expect(maya.GetByText("You now share check-ins and well-being measures and reflections with Alex.")).ToBeVisibleAsync();
        await Expect(maya.Locator("[data-ledger-row=active]")).ToHaveCountAsync(1);

        // Alex sees exactly those two.
        await alex.GotoAsync("therapist");
        await alex.GetByRole(AriaRole.Link, new() { Name = "Maya" }).ClickAsync();
        await Expect(alex.Locator("[data-section=checkins]")).ToBeVisibleAsync();
        await Expect(alex.Locator("[data-section=measures]")).ToBeVisibleAsync();
        await Expect(alex.Locator("[data-section=practices]")).ToHaveCountAsync(0);
        await Expect(alex.Locator("[data-section=recordings]")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(alex);

        // Alex sets WHO-5 once a week; Maya sees it, does it, and both see it done.
        await alex.GetByLabel("Practice or measure").SelectOptionAsync("measure:who5");
        await alex.GetByLabel("Times a week").FillAsync("1");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Set homework" }).ClickAsync();
        await Expect(alex.GetByText("Homework set.")).ToBeVisibleAsync();
        await maya.GotoAsync("settings/therapist");
        await Expect(maya.Locator("[data-my-homework]")).ToContainTextAsync("0 in the last 7 days");
        await maya.GetByRole(AriaRole.Link, new() { Name = "Well-being (WHO-5)" }).ClickAsync();
        await MeasureSteps.AnswerAllAsync(maya, 3);
        await maya.GotoAsync("settings/therapist");
        await Expect(maya.Locator("[data-my-homework]")).ToContainTextAsync("1 in the last 7 days");
        await alex.ReloadAsync();
        await Expect(alex.Locator("[data-homework]")).ToContainTextAsync("1 in the last 7 days");

        // Maya stops sharing measures; Alex's next request has none.
        await maya.GetByRole(AriaRole.Checkbox, new() { Name = "Measures" }).First.UncheckAsync();
        await maya.GetByRole(AriaRole.Button, new() { Name = "Save what they see" }).ClickAsync();
        await Expect(maya.GetByText("From now on Alex sees check-ins.")).ToBeVisibleAsync();
        await alex.ReloadAsync();
        await Expect(alex.Locator("[data-section=checkins]")).ToBeVisibleAsync();
        await Expect(alex.Locator("[data-section=measures]")).ToHaveCountAsync(0);
        await Expect(alex.Locator("[data-homework]")).ToContainTextAsync("Progress not shared with you");

        // Jonas, Maya's partner, consents too: Alex sees them side by side.
        await using var jonasSession = await browser.NewPageAsync(FormFactor.Desktop);
        var jonas = jonasSession.Page;
        await AccountSteps.SignInAsync(jonas, jonasEmail);
        await alex.GotoAsync("therapist");
        await alex.GetByRole(AriaRole.Button, new() { Name = "Make a code" }).ClickAsync();
        var second = (await alex.GetByTestId("therapist-code").InnerTextAsync()).Trim();
        await jonas.GotoAsync("settings/therapist");
        await jonas.GetByLabel("The code your therapist gave you").FillAsync(second);
        await jonas.GetByLabel("I understand, and I want to share this").CheckAsync();
        await jonas.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await alex.GotoAsync("therapist");
        await alex.GetByRole(AriaRole.Link, new() { Name = "as a couple" }).First.ClickAsync();
        await Expect(alex.GetByRole(AriaRole.Heading, new() { Name = "Maya and Jonas" }).Or(alex.GetByRole(AriaRole.Heading, new() { Name = "Jonas and Maya" }))).ToBeVisibleAsync();
        await Expect(alex.Locator("[data-client-dashboard]")).ToHaveCountAsync(2);
        await Accessibility.AssertNoSeriousViolationsAsync(alex);

        // Maya's access log lists Alex's reads.
        await maya.GotoAsync("settings/access-log");
        await Expect(maya.GetByText("Alex").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_sample_practice_shows_a_caseload_a_couple_and_a_session_report()
    {
        await using var session = await browser.NewPageAsync(FormFactor.Desktop);
        var page = session.Page;
        await page.GotoAsync("account/demo");
        // Seven accounts with three months each: give the server time on a busy machine.
        await page.GetByRole(AriaRole.Button, new() { Name = "Try as a therapist" }).ClickAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your clients", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-caseload] tbody tr")).ToHaveCountAsync(6);
        await Expect(page.Locator("[data-outcome=phq9]")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "therapist-caseload-desktop", fullPage: true);

        await page.GetByRole(AriaRole.Link, new() { Name = "as a couple" }).First.ClickAsync();
        await Expect(page.Locator("[data-client-dashboard]")).ToHaveCountAsync(2);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "therapist-couple-desktop", fullPage: true);

        await page.GotoAsync("therapist");
        await page.GetByRole(AriaRole.Link, new() { Name = "Maya (demo)" }).ClickAsync();
        await Expect(page.Locator("[data-notes]")).ToContainTextAsync("pull to pursue");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "therapist-client-desktop", fullPage: true);
        await page.GetByRole(AriaRole.Link, new() { Name = "Session report" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Session report" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "therapist-report-desktop", fullPage: true);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".report__controls")).ToBeHiddenAsync();
    }

    /// <summary>Alex is a therapist; Maya and Jonas are linked as partners (as Together does).</summary>
    private async Task SeedAsync(string alexEmail, string mayaEmail, string jonasEmail)
    {
        using var scope = browser.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var alex = (await users.FindByEmailAsync(alexEmail))!;
        var maya = (await users.FindByEmailAsync(mayaEmail))!;
        var jonas = (await users.FindByEmailAsync(jonasEmail))!;
        var practice = new TherapyPractice { Id = Guid.CreateVersion7(), Name = $"Journey practice {Guid.NewGuid():N}", CreatedAt = DateTime.UtcNow };
        db.Add(practice);
        db.Add(new Therapist { UserId = alex.Id, PracticeId = practice.Id, GrantedAt = DateTime.UtcNow });
        foreach (var (owner, grantee) in new[] { (maya, jonas), (jonas, maya) })
        {
            db.Grants.Add(new Grant
            {
                Id = Guid.CreateVersion7(),
                OwnerId = owner.Id,
                GranteeId = grantee.Id,
                GranteeEmail = grantee.Email!,
                NormalizedGranteeEmail = grantee.NormalizedEmail!,
                Kind = GrantKind.Partner,
                Streams = DataStream.Together | DataStream.CheckIns,
                Status = GrantStatus.Active,
                ConsentVersion = SharingConsent.CurrentVersion,
                CreatedAt = DateTime.UtcNow,
                AcceptedAt = DateTime.UtcNow,
            });
        }
        await db.SaveChangesAsync();
    }
}
