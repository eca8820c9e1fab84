using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Practices;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Browser.Tests.Journeys;

/// <summary>Seeding practices and practice sessions through the app's own services (the same rules as the pages).</summary>
public static class PracticeSteps
{
    public static async Task<Guid> UserIdAsync(AppServer server, string email)
    {
        using var scope = server.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No user {email}.");
        return user.Id;
    }

    /// <summary>Records a session that ended a minute ago.</summary>
    public static async Task SeedSessionAsync(AppServer server, string email, string practiceId, string before, int beforeIntensity, string after, int afterIntensity)
    {
        var me = await UserIdAsync(server, email);
        using var scope = server.Services.CreateScope();
        var now = DateTimeOffset.UtcNow;
        var outcome = await scope.ServiceProvider.GetRequiredService<PracticeSessions>().RecordAsync(me, new PracticeSessionRequest(
            practiceId, new StateCheckDto(before, beforeIntensity), new StateCheckDto(after, afterIntensity),
            now.AddMinutes(-6), now.AddMinutes(-1), 4, Guid.NewGuid().ToString("N")), CancellationToken.None);
        Assert.IsType<SessionOutcome.Saved>(outcome);
    }

    /// <summary>A practice of the person's own, for the pages that show or change one.</summary>
    public static async Task<Guid> SeedOwnAsync(AppServer server, string email, string title = "Evening walk")
    {
        var me = await UserIdAsync(server, email);
        using var scope = server.Services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<Attune.Web.Features.Practices.Practices>().CreateAsync(me, new OwnPracticeRequest(
            title, "Round the block before dinner.", ["shutDown", "activated"],
            [new PracticeStepDto("Shoes on, door open.", 30), new PracticeStepDto("Walk and breathe with the pacer.", 120, true)],
            null, new BreathingRequest(4, 0, 6, 0), "Only when it is light outside."), CancellationToken.None);
        return Guid.Parse(Assert.IsType<OwnPracticeOutcome.Saved>(outcome).Practice.Id);
    }
}
