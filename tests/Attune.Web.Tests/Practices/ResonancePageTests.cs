using System.Globalization;
using System.Net;
using Attune.Web.Features.Practices;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Practices;

/// <summary>The resonance finder's post: with a strap's beats for each minute it keeps the rate of the largest heart-rate
/// swing; with none, or with beats that are not plausible, it falls back to comfort and stores nothing from them.</summary>
public sealed class ResonancePageTests
{
    private static readonly double[] Rates = [7, 6.5, 6, 5.5, 5, 4.5];

    private static string Minute(double breathsPerMinute, double swing)
    {
        var rr = new List<string>();
        double t = 0;
        while (t < 60)
        {
            var v = 60000 / (66 + swing / 2 * Math.Sin(2 * Math.PI * breathsPerMinute / 60 * t));
            rr.Add(v.ToString("0.###", CultureInfo.InvariantCulture));
            t += v / 1000;
        }
        return string.Join(",", rr);
    }

    private static async Task<(string? Location, string? Basis)> PostAsync(AttuneWebFactory factory, Func<int, string> beats)
    {
        var (user, client) = await TestUsers.SignedInAsync(factory);
        var fields = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < Rates.Length; i++)
        {
            fields.Add(new($"Comfort[{i}]", "3"));
            fields.Add(new($"Beats[{i}]", beats(i)));
        }
        using var response = await client.PostFormAsync("/practices/resonance", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var scope = factory.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<Access>().Own<PracticePreferences>(user.Id).SingleOrDefaultAsync();
        return (response.Headers.Location?.OriginalString, row?.ResonanceBasis);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task With_a_straps_beats_the_largest_swing_wins_over_comfort(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        // Equal comfort everywhere would keep 6; the heart swings most at 5 (index 4).
        var (location, basis) = await PostAsync(factory, i => Minute(Rates[i], i == 4 ? 12 : 6));
        Assert.Equal("/practices/resonance-breathing/play?rate=5", location);
        Assert.Equal("swing", basis);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Implausible_beats_are_ignored_and_comfort_decides(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (location, basis) = await PostAsync(factory, i => i == 4 ? "50,60,70" : i == 3 ? "not,a,number" : "");
        Assert.Equal("/practices/resonance-breathing/play?rate=6", location);
        Assert.Equal("comfort", basis);
    }
}
