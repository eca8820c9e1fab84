using Attune.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// Two people, two browsers: one shares their heart recordings, the other accepts, looks and compares; the
/// first sees who looked, then stops sharing, and the other loses access on their next page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SharingJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Sam_shares_recordings_with_Alex_who_compares_them_until_Sam_stops_sharing()
    {
        var samEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Sam");
        var alexEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Alex");
        var (samRecording, alexRecording) = await RecordingSteps.SeedSyntheticCoupleAsync(browser.Server, samEmail, alexEmail);
        await using var samSession = await browser.NewPageAsync();
        await using var alexSession = await browser.NewPageAsync();
        var sam = samSession.Page;
        var alex = alexSession.Page;
        await AccountSteps.SignInAsync(sam, samEmail);
        await AccountSteps.SignInAsync(alex, alexEmail);

        // Sam invites Alex; the form insists on reading what sharing means.
        await sam.GotoAsync("settings/sharing");
        await Expect(sam.GetByText("Nobody. Everything you record is private to you.")).ToBeVisibleAsync();
        await sam.GetByLabel("Their email address").FillAsync(alexEmail);
        await sam.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(sam.GetByText("Please read what sharing means and tick the box.")).ToBeVisibleAsync();
        await sam.GetByLabel("I understand, and I want to share this").CheckAsync();
        await sam.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(sam.GetByText($"Invitation sent to {alexEmail}.")).ToBeVisibleAsync();
        await Expect(sam.GetByText("Waiting for them to accept")).ToBeVisibleAsync();

        // Before accepting, Alex cannot open Sam's recording.
        var notYet = await alex.GotoAsync($"insights/recordings/{samRecording}");
        Assert.Equal(404, notYet!.Status);

        await alex.GotoAsync("settings/sharing");
        var invitation = alex.GetByRole(AriaRole.Region, new() { Name = "Sam would like to share with you" });
        await Expect(invitation).ToContainTextAsync("heart recordings");
        await invitation.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(alex.GetByText("You can now see Sam’s heart recordings.")).ToBeVisibleAsync();

        // Alex finds Sam's recording under "Shared with you", opens it and compares it with their own.
        await alex.GotoAsync("insights/recordings");
        var shared = alex.GetByRole(AriaRole.Region, new() { Name = "Shared with you" });
        await shared.GetByRole(AriaRole.Link, new() { Name = "Sam, evening talk" }).ClickAsync();
        await Expect(alex.GetByRole(AriaRole.Heading, new() { Name = "Sam, evening talk", Level = 1 })).ToBeVisibleAsync();
        await Expect(alex.GetByText("Sam shares this recording with you.")).ToBeVisibleAsync();
        await Expect(alex.GetByRole(AriaRole.Link, new() { Name = "Delete this recording" })).ToHaveCountAsync(0);
        await alex.GetByRole(AriaRole.Link, new() { Name = "Compare with another recording" }).ClickAsync();
        await alex.GetByLabel("First heart").SelectOptionAsync(samRecording.ToString());
        await alex.GetByLabel("Second heart").SelectOptionAsync(alexRecording.ToString());
        await alex.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Expect(alex.GetByRole(AriaRole.Heading, new() { Name = "Sam, evening talk (Sam’s) and Alex, evening talk" })).ToBeVisibleAsync();
        await Expect(alex.GetByRole(AriaRole.Img, new() { Name = "Synchrony heat map" })).ToBeVisibleAsync();

        // Sam sees who looked.
        await sam.GotoAsync("settings/access-log");
        await Expect(sam.GetByText("Alex opened your recording “Sam, evening talk”").First).ToBeVisibleAsync();
        await Expect(sam.GetByText("Alex looked at the list of your heart recordings").First).ToBeVisibleAsync();

        // Sam stops sharing; Alex's very next page no longer shows it.
        await sam.GotoAsync("settings/sharing");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Stop sharing with Alex" }).ClickAsync();
        await Expect(sam.GetByText("It took effect straight away.")).ToBeVisibleAsync();
        var comparison = await alex.ReloadAsync();
        Assert.Equal(404, comparison!.Status);
        await alex.GotoAsync($"insights/recordings/{samRecording}");
        await Expect(alex.GetByRole(AriaRole.Heading, new() { Name = "Sam, evening talk" })).ToHaveCountAsync(0);
        await alex.GotoAsync("insights/recordings");
        await Expect(alex.GetByRole(AriaRole.Region, new() { Name = "Shared with you" })).ToHaveCountAsync(0);
    }
}
