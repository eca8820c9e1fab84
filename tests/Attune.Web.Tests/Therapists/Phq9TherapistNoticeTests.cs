using System.Net;
using System.Net.Http.Json;
using Attune.Web.Data;
using Attune.Web.Features.Therapists;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Therapists;

/// <summary>
/// The PHQ-9 page tells a client beforehand, and only while a therapist sees their measures, that an answer to the last
/// item above "not at all" reaches that therapist too.
/// </summary>
public sealed class Phq9TherapistNoticeTests
{
    private const string Notice = "data-therapist-notice";

    [Theory, ClassData(typeof(Providers))]
    public async Task Phq9_page_names_the_therapist_who_will_see_the_last_answer_only_while_they_see_measures(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (therapist, t) = await TestTherapy.TherapistAsync(factory);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            await db.Users.Where(u => u.Id == therapist.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Rowan Hale"));
        }
        var (_, c) = await TestUsers.SignedInAsync(factory);

        Assert.DoesNotContain(Notice, await c.GetStringAsync("/measures/phq9"), StringComparison.Ordinal);
        var consent = await TestTherapy.ConsentAsync(t, c, "checkins");
        Assert.DoesNotContain(Notice, await c.GetStringAsync("/measures/phq9"), StringComparison.Ordinal);

        using var changed = await c.PutAsJsonAsync($"/api/v1/me/therapists/{consent}", new { streams = new[] { "checkins", "measures" }, consentVersion = TherapistConsent.CurrentVersion });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var page = await c.GetStringAsync("/measures/phq9");
        Assert.Contains(Notice, page, StringComparison.Ordinal);
        Assert.Contains("Rowan Hale will see that answer too", page, StringComparison.Ordinal);
        // The notice comes before the questions, and only on the PHQ-9.
        Assert.True(page.IndexOf(Notice, StringComparison.Ordinal) < page.IndexOf("Thoughts that you would be better off dead", StringComparison.Ordinal));
        Assert.DoesNotContain(Notice, await c.GetStringAsync("/measures/gad7"), StringComparison.Ordinal);

        // A form sent back with a missing answer still carries it.
        using var partial = await c.PostFormAsync("/measures/phq9", new Dictionary<string, string> { ["q1"] = "1" });
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Contains(Notice, await partial.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var id = (await c.GetFromJsonAsync<List<ConsentDto>>("/api/v1/me/therapists", TestSharing.Json))!.Single(x => x.Status == "active").Id;
        Assert.Equal(HttpStatusCode.NoContent, (await c.DeleteAsync($"/api/v1/me/therapists/{id}")).StatusCode);
        Assert.DoesNotContain(Notice, await c.GetStringAsync("/measures/phq9"), StringComparison.Ordinal);
    }
}
