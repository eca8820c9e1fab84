using System.Globalization;
using Attune.Browser.Tests.Infrastructure;
using Attune.Browser.Tests.Journeys;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.CheckIns.Insights;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Pages;

/// <summary>
/// The check-in insights page with twelve weeks of varied check-ins: the charts are drawn, the tables hold the
/// right numbers, the sentences about context say what the counts say, axe finds nothing serious, and (with
/// <c>ATTUNE_SCREENSHOTS=1</c>) the page is captured at phone and desktop width in both themes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CheckInInsightsTests(BrowserFixture browser)
{
    private const string Zone = "Europe/London";

    public static TheoryData<FormFactor, ColorScheme> Looks => new()
    {
        { FormFactor.Phone, ColorScheme.Light },
        { FormFactor.Phone, ColorScheme.Dark },
        { FormFactor.Desktop, ColorScheme.Light },
        { FormFactor.Desktop, ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task Insights_page_draws_its_charts_and_shows_the_numbers(FormFactor formFactor, ColorScheme scheme)
    {
        var (email, seeded) = await SeedAsync(browser.Server);
        await using var session = await browser.NewPageAsync(formFactor, scheme);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync("insights/checkins?period=3m");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Patterns in your check-ins", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{seeded.Count} check-ins" })).ToBeVisibleAsync();
        var shares = page.GetByTestId("state-shares");
        foreach (var state in Enum.GetValues<NervousState>())
        {
            var n = seeded.Count(c => c.State == state);
            await Expect(shares).ToContainTextAsync($"{StateNames.Label(state)} {InsightsText.Percent((double)n / seeded.Count)} {n}");
        }

        // Every chart is drawn, and drawn with something on it.
        var canvases = page.Locator("canvas[data-chart]");
        await Expect(canvases).ToHaveCountAsync(5);
        for (var i = 0; i < 5; i++)
        {
            var canvas = canvases.Nth(i);
            await Expect(canvas).ToHaveAttributeAsync("data-drawn", "true");
            var painted = await canvas.EvaluateAsync<int>(
                "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let k = 3; k < d.length; k += 4) if (d[k] > 0) n++; return n; }");
            Assert.True(painted > 500, $"Chart {await canvas.GetAttributeAsync("data-chart")} has only {painted} painted pixels.");
        }

        // The text alternatives hold the numbers the computation gives.
        var insights = await ComputeAsync(browser.Server, email);
        var weeks = insights.Timeline.Weeks.ToBuckets();
        await page.GetByText("The numbers, week by week").First.ClickAsync();
        var rows = page.GetByTestId("timeline-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(weeks.Length);
        var busiest = Array.FindLastIndex(weeks, w => w.CheckIns > 0);
        await Expect(rows.Nth(busiest).Locator("td").First).ToHaveTextAsync(weeks[busiest].CheckIns.ToString(CultureInfo.InvariantCulture));

        var activatedWords = insights.Words.Single(w => w.State == "activated").Top;
        await Expect(page.GetByTestId("words-activated").Locator("li").First).ToContainTextAsync($"{activatedWords[0].Name} {activatedWords[0].CheckIns}");
        Assert.Equal("anxious", activatedWords[0].Name);

        await Expect(page.GetByTestId("distinct-words")).ToHaveTextAsync(insights.Granularity.DistinctWords.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(seeded.SelectMany(c => c.Emotions.Split(',')).Distinct().Count(), insights.Granularity.DistinctWords);

        var colleagues = insights.Associations.Tags.Single(t => t.Tag == "colleagues");
        var activated = colleagues.States.Single(s => s.State == "activated");
        Assert.True(InsightsText.IsClear(activated));
        await Expect(page.GetByTestId("associations")).ToContainTextAsync(InsightsText.Association(colleagues, activated));
        await Expect(page.GetByTestId("associations")).ToContainTextAsync("You were activated more often when with colleagues");

        await Expect(page.GetByTestId("body-activated")).ToContainTextAsync("Chest");
        await Expect(page.Locator(".body-heat--activated path[data-region=jaw]")).ToHaveClassAsync("body-region body-heat-5");

        foreach (var summary in await page.Locator("details.insights-details > summary").AllAsync())
        {
            if (await summary.Locator("xpath=..").GetAttributeAsync("open") is null)
            {
                await summary.ClickAsync();
            }
        }
        await Expect(page.GetByTestId("rhythm-table")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("calendar-table")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        if (Screenshots.ForDocs)
        {
            await page.GotoAsync("insights/checkins?period=3m");
            await Expect(page.Locator("canvas[data-drawn=true]")).ToHaveCountAsync(5);
            await SaveFullPageAsync(page, $"insights-checkins-{formFactor.ToString().ToLowerInvariant()}-{scheme.ToString().ToLowerInvariant()}");
        }
    }

    [Fact]
    public async Task Insights_page_without_check_ins_invites_the_first_one_and_works_without_javascript()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server);
        await using var session = await browser.NewPageAsync(javaScriptEnabled: false);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync("insights/checkins");
        await Expect(page.GetByText("No check-ins in this period yet.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Check in now" })).ToBeVisibleAsync();
        await page.GotoAsync("insights");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "See your check-in patterns" })).ToBeVisibleAsync();
    }

    private static async Task SaveFullPageAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("document.fonts.ready");
        var viewport = page.ViewportSize ?? throw new InvalidOperationException("The page has no viewport.");
        var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        await page.SetViewportSizeAsync(viewport.Width, Math.Max(viewport.Height, height));
        try
        {
            await Expect(page.Locator("canvas[data-drawn=true]")).ToHaveCountAsync(5);
            await Screenshots.SaveAsync(page, name);
        }
        finally
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        }
    }

    private static async Task<InsightsDto> ComputeAsync(AppServer server, string email)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No such user.");
        var today = LocalTimes.Of(DateTime.UtcNow, Zone).Date;
        return await CheckInInsights.ForAsync(scope.ServiceProvider.GetRequiredService<Access>(), user.Id, today.AddDays(-89), today, CancellationToken.None);
    }

    /// <summary>
    /// Twelve weeks up to yesterday, three check-ins a day: weekday mornings at work with colleagues (mostly
    /// activated), weekend mornings calm at home, middays now and then shut down alone, evenings with a partner
    /// (connected, sometimes irritated), with words, body sensations and tags as the check-in flow stores them.
    /// </summary>
    internal static async Task<(string Email, List<CheckIn> CheckIns)> SeedAsync(AppServer server)
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(server);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        user.TimeZone = Zone;
        var yesterday = LocalTimes.Of(DateTime.UtcNow, Zone).Date.AddDays(-1);
        var list = new List<CheckIn>();
        void Add(DateOnly date, int hour, NervousState state, int intensity, string words, string body, CheckInContextDto? context)
        {
            var occurred = LocalTimes.ToUtc(date.ToDateTime(new TimeOnly(hour, 15)), Zone);
            var (localDate, minute) = LocalTimes.Of(occurred, Zone);
            list.Add(new CheckIn
            {
                Id = Guid.CreateVersion7(),
                OwnerId = user.Id,
                OccurredAt = occurred,
                TimeZone = Zone,
                LocalDate = localDate,
                LocalMinute = minute,
                State = state,
                Intensity = intensity,
                Emotions = words,
                Body = body,
                Context = context is null ? "" : CheckInRules.SerializeContext(context),
                CreatedAt = occurred,
                UpdatedAt = occurred,
            });
        }
        for (var d = 0; d < 84; d++)
        {
            var date = yesterday.AddDays(-d);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                Add(date, 9, NervousState.Connected, 4, "calm,content", "chest:open", new(["partner"], ["home"], ["resting"]));
            }
            else if (d % 4 == 0)
            {
                Add(date, 8, NervousState.Connected, 5, "curious,hopeful", "chest:open", new(["colleagues"], ["work"], ["working"]));
            }
            else
            {
                Add(date, 8, NervousState.Activated, 6 + d % 4, d % 3 == 0 ? "anxious,frustrated" : "anxious,tense", "chest:tight,jaw:clenched", new(["colleagues"], ["work"], ["working"]));
            }
            if (d % 3 == 0)
            {
                Add(date, 13, NervousState.ShutDown, 5, d % 2 == 0 ? "tired,flat" : "numb", "chest:heavy,legs-back:heavy", new(["alone"], null, null));
            }
            else
            {
                Add(date, 13, NervousState.Connected, 3, "curious", "", null);
            }
            if (d % 5 == 0)
            {
                Add(date, 20, NervousState.Activated, 7, "irritated", "jaw:clenched", new(["partner"], ["home"], null));
            }
            else
            {
                Add(date, 20, NervousState.Connected, 6, "grateful,calm", "belly:warm", new(["partner"], ["home"], ["eating"]));
            }
        }
        db.AddRange(list);
        await db.SaveChangesAsync();
        return (email, list);
    }
}
