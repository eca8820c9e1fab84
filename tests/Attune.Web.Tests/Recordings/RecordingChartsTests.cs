using System.Text.RegularExpressions;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Recordings.Pages;

namespace Attune.Web.Tests.Recordings;

/// <summary>The analysis page's server-drawn charts are the coarse fallback the browser draws over: few points, few elements.</summary>
public sealed partial class RecordingChartsTests
{
    [Fact]
    public void Thin_ADayOfBeats_KeepsEachBucketsLowAndHighInTimeOrder()
    {
        var xs = Enumerable.Range(0, 100_000).Select(i => i * 0.8).ToArray();
        var ys = xs.Select(x => 800 + 50 * Math.Sin(x / 30)).ToArray();
        ys[51_234] = 1_900;
        ys[77_001] = 300;

        var (tx, ty) = RecordingCharts.Thin(xs, ys, RecordingCharts.FallbackBuckets);

        Assert.InRange(tx.Length, RecordingCharts.FallbackBuckets, 2 * RecordingCharts.FallbackBuckets);
        Assert.Equal(tx.Length, ty.Length);
        Assert.Contains(1_900, ty);
        Assert.Contains(300, ty);
        Assert.Equal(xs[51_234], tx[Array.IndexOf(ty, 1_900)]);
        for (var i = 1; i < tx.Length; i++)
        {
            Assert.True(tx[i] > tx[i - 1], $"Point {i} goes back in time.");
        }
    }

    [Fact]
    public void Thin_FewPoints_ReturnsThemUnchanged()
    {
        double[] xs = [0, 1, 2], ys = [5, 6, 7];
        var (tx, ty) = RecordingCharts.Thin(xs, ys, RecordingCharts.FallbackBuckets);
        Assert.Same(xs, tx);
        Assert.Same(ys, ty);
    }

    [Fact]
    public void Charts_ADayOfData_DrawFewElementsAndKeepTheirTextAlternatives()
    {
        var random = new Random(7);
        var rrN = Enumerable.Range(0, 3_000).Select(_ => 700 + random.NextDouble() * 300).ToArray();
        var rrNext = rrN.Select(v => v + random.NextDouble() * 40 - 20).ToArray();
        var times = Enumerable.Range(0, 1_200).Select(i => i * 72.0).ToArray();
        var hr = times.Select(t => 70 + 20 * Math.Sin(t / 3_000)).ToArray();

        var poincare = RecordingCharts.Poincare(new PoincareDto(25, 80, rrN, rrNext, 100_000), 850).Value!;
        var heart = RecordingCharts.HeartRate(new ChartSeriesDto(times, hr), [], 100, 86_400).Value!;

        Assert.DoesNotContain("<circle", poincare, StringComparison.Ordinal);
        Assert.Single(DotsPath().Matches(poincare));
        Assert.InRange(Regex.Count(poincare, "h0"), 100, RecordingCharts.FallbackDots);
        Assert.Contains("<title id=\"poincare-title\">Poincaré plot</title>", poincare, StringComparison.Ordinal);
        Assert.Contains("of 100,000 pairs shown", poincare, StringComparison.Ordinal);
        var points = Polyline().Match(heart).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(points.Length, 2, 2 * RecordingCharts.FallbackBuckets);
        Assert.Contains("<desc id=\"hr-desc\">Heart rate over 24 h", heart, StringComparison.Ordinal);
    }

    [GeneratedRegex("<path class=\"dots\"")]
    private static partial Regex DotsPath();

    [GeneratedRegex("<polyline class=\"series[^\"]*\" points=\"([^\"]*)\"")]
    private static partial Regex Polyline();
}
