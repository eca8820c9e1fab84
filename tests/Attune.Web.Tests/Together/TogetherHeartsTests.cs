using System.Net;
using System.Net.Http.Json;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Recordings;

namespace Attune.Web.Tests.Together;

/// <summary>
/// Two hearts together (/together/hearts): my recording beside the one my partner shares with me, read through the
/// access layer, so a partner who does not share recordings, or an ex-partner, gets "not found".
/// </summary>
public sealed class TogetherHeartsTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task I_compare_my_recording_with_my_partners_shared_one_and_an_ex_partner_cannot(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, me) = await TestUsers.SignedInAsync(factory);
        var (_, partner) = await TestUsers.SignedInAsync(factory);
        // I share my recordings; my partner, at first, only check-ins.
        var invite = await TestTogether.InviteAsync(me, new { streams = new[] { "checkins", "recordings" } });
        (await TestTogether.AcceptAsync(partner, invite.Code, ["checkins"])).EnsureSuccessStatusCode();
        var mine = await TestRecordings.UploadAsync(me, TestRecordings.RrCsv(600), "Sam on the sofa");
        var theirs = await TestRecordings.UploadAsync(partner, TestRecordings.RrCsv(600, phase: 0.5), "Alex on the sofa");
        var compare = $"/together/hearts?a={mine.Id}&b={theirs.Id}";

        Assert.Equal(HttpStatusCode.NotFound, (await me.GetAsync(compare)).StatusCode);
        Assert.DoesNotContain("Alex on the sofa", await me.GetStringAsync("/together/hearts"), StringComparison.Ordinal);

        using (var share = await partner.PutAsJsonAsync("/api/v1/partner/sharing", new { streams = new[] { "checkins", "recordings" } }))
        {
            share.EnsureSuccessStatusCode();
        }
        var picker = await me.GetStringAsync("/together/hearts");
        // The form starts on my newest recording and my partner's newest shared one.
        Assert.Matches($"<option value=\"{mine.Id}\" selected=\"selected\">Sam on the sofa", picker);
        Assert.Matches($"<option value=\"{theirs.Id}\" selected=\"selected\">Alex on the sofa \\(", picker);
        var html = await me.GetStringAsync(compare);
        Assert.Contains(">Synchrony heat map</title>", html, StringComparison.Ordinal);
        Assert.Contains("Alex on the sofa", html, StringComparison.Ordinal);
        // My partner, who sees my recording through my grant, can compare the other way round too.
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/together/hearts?a={theirs.Id}&b={mine.Id}")).StatusCode);

        (await partner.DeleteAsync("/api/v1/partner")).EnsureSuccessStatusCode();

        // Unlinked: neither sees the other's recording from the next request, in the comparison or its choices.
        Assert.Equal(HttpStatusCode.NotFound, (await me.GetAsync(compare)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/together/hearts?a={theirs.Id}&b={mine.Id}")).StatusCode);
        Assert.DoesNotContain("Alex on the sofa", await me.GetStringAsync("/together/hearts"), StringComparison.Ordinal);
        Assert.DoesNotContain("Sam on the sofa", await partner.GetStringAsync("/together/hearts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_old_address_redirects_permanently_with_its_choices()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var visitor = factory.CreateClientWithCookies();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        using var response = await visitor.GetAsync($"/insights/recordings/together?a={a}&b={b}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/together/hearts?a={a}&b={b}", response.Headers.Location?.OriginalString);
    }
}
