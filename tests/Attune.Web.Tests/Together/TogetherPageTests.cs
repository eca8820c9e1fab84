using System.Net;
using System.Text.RegularExpressions;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Together;

/// <summary>The Together pages without a browser: a break opens the practice player, and both are told when to come back.</summary>
public sealed partial class TogetherPageTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Taking_a_break_opens_the_breathing_practice_and_both_see_when_it_is_time_to_come_back(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, me, _, partner) = await TestTogether.LinkedPairAsync(factory);

        var token = await me.GetAntiforgeryTokenAsync("/together");
        using var taken = await me.PostAsync("/together?handler=Break", new FormUrlEncodedContent(
            [new(Antiforgery.FieldName, token), new("Minutes", "30"), new("Note", "I need a little time.")]));

        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        var player = taken.Headers.Location!.OriginalString;
        Assert.Equal("/practices/extended-exhale/play?after=break", player);
        var html = await me.GetStringAsync(player);
        Assert.Contains("data-autostart=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("Your break lasts until", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"after\" value=\"break\" />", html, StringComparison.Ordinal);
        Assert.Matches("value=\"activated\" checked=\"checked\"", html);
        // Opened without a break under way (a bookmark, the partner), the player is the ordinary one.
        Assert.DoesNotContain("data-autostart=\"true\"", await partner.GetStringAsync(player), StringComparison.Ordinal);

        // Before the time: the words are in the page, hidden, for the script to show when the time comes.
        foreach (var client in new[] { me, partner })
        {
            var before = await client.GetStringAsync("/together");
            Assert.Equal(1, ReturnBanners().Count(before));
            Assert.Contains("data-testid=\"return-banner\" hidden=\"hidden\"", before, StringComparison.Ordinal);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(30));

        var mine = await me.GetStringAsync("/together");
        var theirs = await partner.GetStringAsync("/together");
        Assert.Contains("data-testid=\"return-banner\">", mine, StringComparison.Ordinal);
        Assert.Contains("Time to come back together.", mine, StringComparison.Ordinal);
        Assert.Contains("when you said you'd be back", mine.Replace("&#x27;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"return-banner\">", theirs, StringComparison.Ordinal);
        Assert.Contains("said they&#x27;d be back at", theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_repair_page_lists_the_speaker_listener_turns_with_reflection_prompts()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (_, me, _, partner) = await TestTogether.LinkedPairAsync(factory);
        var token = await me.GetAntiforgeryTokenAsync("/together");
        using var started = await me.PostAsync("/together?handler=Repair", new FormUrlEncodedContent(
            [new(Antiforgery.FieldName, token), new("StateBefore", "activated")]));
        var repair = started.Headers.Location!.OriginalString;

        var html = await me.GetStringAsync(repair);

        Assert.Equal(4, Turns().Count(html));
        Assert.Contains("You speak, ", html, StringComparison.Ordinal);
        Assert.Contains("What I heard you say is", html, StringComparison.Ordinal);
        Assert.Contains("data-turn-timer hidden", html, StringComparison.Ordinal);
        // The partner has not joined yet: the turns wait until they have.
        Assert.Equal(0, Turns().Count(await partner.GetStringAsync(repair)));
    }

    [GeneratedRegex("data-return-at=\"")]
    private static partial Regex ReturnBanners();

    [GeneratedRegex("<li class=\"repair-turn\" data-turn ")]
    private static partial Regex Turns();
}
