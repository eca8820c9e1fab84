using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Attune.Browser.Tests.Journeys;

/// <summary>What a person does on the check-in pages, by the names they read, plus seeding through the app's own code.</summary>
public static class CheckInSteps
{
    /// <summary>Stores a check-in for <paramref name="email"/> through the app's check-in service (same rules as the pages).</summary>
    public static async Task<Guid> SeedAsync(AppServer server, string email, CheckInRequest request)
    {
        using var scope = server.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No user {email}.");
        var outcome = await scope.ServiceProvider.GetRequiredService<CheckIns>().CreateAsync(user.Id, request, CancellationToken.None);
        return outcome is CheckInOutcome.Saved saved ? saved.CheckIn.Id : throw new InvalidOperationException($"Not saved: {outcome}");
    }

    /// <summary>A check-in with every part filled in, for pages that show them all.</summary>
    public static Task<Guid> SeedFullAsync(AppServer server, string email) => SeedAsync(server, email, new CheckInRequest(
        "activated", 7, "shutDown", ["anxious", "overwhelmed"],
        [new BodySensationDto("chest", "tight"), new BodySensationDto("jaw", "tense")],
        new CheckInContextDto(["partner"], ["home"], ["conflict"], ["a short reply to my message"], ["the cat on my lap"]),
        new CheckInScalesDto(7, 6.5), "We talked past each other again.\nI want to try the pause next time.", null, "Europe/London", "private"));

    /// <summary>The three taps: state, corner, word. The word saves.</summary>
    public static async Task FastPathAsync(IPage page, string state, string corner, string word)
    {
        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + state) }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + corner) }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = word, Exact = true }).ClickAsync();
    }
}
