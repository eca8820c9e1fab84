using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Integration;
using Attune.Web.Features.Measures;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Attune.Browser.Tests.Journeys;

/// <summary>Seeding measures and integration reflections through the app's own services (the same rules as the pages).</summary>
public static class MeasureSteps
{
    public static async Task<Guid> SeedAsync(AppServer server, string email, string kind, int[] answers)
    {
        using var scope = server.Services.CreateScope();
        var me = await UserIdAsync(scope, email);
        var outcome = await scope.ServiceProvider.GetRequiredService<Measures>().SubmitAsync(me, kind, new MeasureRequest(answers), CancellationToken.None);
        return outcome is MeasureOutcome.Saved saved ? saved.Result.Id : throw new InvalidOperationException($"Not saved: {outcome}");
    }

    /// <summary>A reflection with the nine values in the order of <see cref="IntegrationDomains.All"/>.</summary>
    /// <summary>On a measure's page: the same option (by position) for every item, then the result.</summary>
    public static async Task AnswerAllAsync(IPage page, int option)
    {
        var groups = page.GetByRole(AriaRole.Group);
        var count = await groups.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await groups.Nth(i).GetByRole(AriaRole.Radio).Nth(option).CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "See my result" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/result"));
    }

    public static async Task<Guid> SeedReflectionAsync(AppServer server, string email, params int[] values)
    {
        using var scope = server.Services.CreateScope();
        var me = await UserIdAsync(scope, email);
        var answers = IntegrationDomains.All.Select((d, i) => (d.Slug, values[i])).ToDictionary(x => x.Slug, x => x.Item2);
        var outcome = await scope.ServiceProvider.GetRequiredService<IntegrationReflections>().SaveAsync(me, new IntegrationRequest(answers), CancellationToken.None);
        return outcome is IntegrationOutcome.Saved saved ? saved.Reflection.Id : throw new InvalidOperationException($"Not saved: {outcome}");
    }

    private static async Task<Guid> UserIdAsync(IServiceScope scope, string email) =>
        (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No user {email}.")).Id;
}
