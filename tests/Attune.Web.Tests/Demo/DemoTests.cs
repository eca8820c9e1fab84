using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Demo;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Demo;

public sealed class DemoTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory, ClassData(typeof(Providers))]
    public async Task Try_with_sample_data_signs_into_a_marked_demo_with_ninety_days_of_check_ins_that_is_erased_after_a_day(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();

        using var start = await browser.SubmitAsync("/account/demo", new Dictionary<string, string> { ["TimeZone"] = "Europe/Berlin" });

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/checkins", start.Headers.Location?.OriginalString);
        var page = await browser.GetPageAsync("/checkins");
        Assert.Contains("This is a demo with made-up data", page, StringComparison.Ordinal);
        var all = (await browser.Client.GetFromJsonAsync<List<CheckInDto>>("/api/v1/checkins?limit=5000", Json))!;
        Assert.InRange(all.Count, 200, 450);
        var days = all.Select(c => c.LocalDate).Distinct().Count();
        Assert.InRange(days, DemoCheckIns.Days - 1, DemoCheckIns.Days);
        Assert.All(new[] { "connected", "activated", "shutDown" }, s => Assert.Contains(all, c => c.State == s));
        Assert.True(all.Select(c => c.Emotions[0].Id).Distinct().Count() > 30, "The demo uses too few words to show granularity.");
        Assert.Contains(all, c => c.Body.Length > 0);
        Assert.All(all, c => Assert.Equal("Europe/Berlin", c.TimeZone));
        Assert.All(all, c => Assert.True(c.OccurredAt <= factory.Clock.GetUtcNow().UtcDateTime));

        factory.Clock.Advance(Demos.Lifetime + TimeSpan.FromMinutes(1));
        using (var scope = factory.Services.CreateScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<Demos>().EraseExpiredAsync(CancellationToken.None));
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            Assert.False(await db.Users.AnyAsync(u => u.Email!.EndsWith("@demo.attune.invalid")));
            Assert.Equal(0, await Attune.Web.Features.Sharing.Access.Unchecked<CheckIn>(db).CountAsync());
        }
        Assert.False(await browser.IsSignedInAsync());
    }

    [Fact]
    public void The_sample_check_ins_follow_every_rule_and_are_the_same_for_the_same_seed()
    {
        var today = new DateOnly(2026, 12, 4);
        var a = DemoCheckIns.Generate(42, today, "America/New_York");
        var b = DemoCheckIns.Generate(42, today, "America/New_York");

        Assert.Equal(a.Select(r => (r.State, r.OccurredAt, string.Join(',', r.EmotionIds!))), b.Select(r => (r.State, r.OccurredAt, string.Join(',', r.EmotionIds!))));
        var now = new DateTime(2026, 12, 5, 6, 0, 0, DateTimeKind.Utc);
        foreach (var request in a)
        {
            var (value, errors) = CheckInRules.Validate(request, CheckInVocabulary.Instance, new HashSet<string>(), now, "UTC", CheckInVisibility.Private);
            Assert.True(value is not null, string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}")));
        }
    }
}
