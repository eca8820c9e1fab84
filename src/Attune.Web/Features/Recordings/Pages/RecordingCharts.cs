using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Attune.Web.Features.Recordings.Pages;

/// <summary>
/// The recording pages' charts as server-rendered inline SVG, each with a title and a description. The analysis page's
/// charts are drawn coarse on purpose (at most <see cref="FallbackBuckets"/> lows and highs per line, a few hundred
/// Poincaré dots in one path): the browser draws the full charts from the analysis JSON, and these are what a page
/// without scripts shows and prints, and the charts' text alternatives (docs/decisions/0024-client-drawn-analysis-charts.md).
/// </summary>
public static class RecordingCharts
{
    /// <summary>Buckets per line of a coarse chart: each keeps its lowest and highest value, so peaks survive.</summary>
    public const int FallbackBuckets = 160;

    /// <summary>Poincaré pairs in a coarse chart.</summary>
    public const int FallbackDots = 400;

    public static HtmlString HeartRate(ChartSeriesDto hr, IReadOnlyList<FloodingEventDto> events, double thresholdBpm, double durationS)
    {
        var (lo, hi) = Range(hr.Values, 40, 120);
        hi = Math.Max(hi, thresholdBpm + 5);
        var plot = new SvgPlot("hr", 290, (0, Math.Max(durationS, Last(hr.TimesS))), (Math.Floor(lo / 10) * 10, Math.Ceiling(hi / 10) * 10));
        var lastLabelX = double.NegativeInfinity;
        for (var i = 0; i < events.Count; i++)
        {
            // Numbers match the list under the chart; crowded ones are left unlabelled rather than overprinted.
            var x = plot.Px(events[i].StartS);
            var label = x - lastLabelX >= 28 ? (i + 1).ToString(CultureInfo.InvariantCulture) : null;
            if (label is not null)
            {
                lastLabelX = x;
            }
            plot.XBand(events[i].StartS, events[i].EndS, "event", label);
        }
        plot.HorizontalLine(thresholdBpm, "threshold", $"{thresholdBpm:0} bpm");
        var total = plot.X.Max;
        plot.Axes("Time from start", "Heart rate (bpm)", t => SvgPlot.FormatTime(t, total), v => v.ToString("0", CultureInfo.InvariantCulture), SvgPlot.TimeTicks(total));
        var (hrX, hrY) = Thin(hr.TimesS, hr.Values, FallbackBuckets);
        plot.Line(hrX, hrY);
        var desc = events.Count == 0
            ? $"Heart rate over {SvgPlot.FormatTime(total, total)}, between about {lo:0} and {hi:0} beats per minute. It never stayed above {thresholdBpm:0} bpm for long."
            : $"Heart rate over {SvgPlot.FormatTime(total, total)}. {events.Count} stretch{(events.Count == 1 ? "" : "es")} above {thresholdBpm:0} bpm {(events.Count == 1 ? "is" : "are")} shaded and numbered.";
        return new HtmlString(plot.Render("Heart rate over time", desc));
    }

    public static HtmlString Tachogram(ChartSeriesDto rr)
    {
        var (lo, hi) = Range(rr.Values, 600, 1000);
        var total = Last(rr.TimesS);
        var plot = new SvgPlot("tachogram", 270, (0, total), (Math.Floor(lo / 50) * 50, Math.Ceiling(hi / 50) * 50));
        plot.Axes("Time from start", "Time between beats (ms)", t => SvgPlot.FormatTime(t, total), v => v.ToString("0", CultureInfo.InvariantCulture), SvgPlot.TimeTicks(total));
        var (rrX, rrY) = Thin(rr.TimesS, rr.Values, FallbackBuckets);
        plot.Line(rrX, rrY);
        return new HtmlString(plot.Render("Tachogram: time between heartbeats",
            $"Each point is the time between two beats, from {lo:0} to {hi:0} milliseconds. Higher means a slower heartbeat at that moment."));
    }

    public static HtmlString Poincare(PoincareDto p, double meanNnMs)
    {
        var (lo1, hi1) = Range(p.RrNMs, 600, 1000);
        var (lo2, hi2) = Range(p.RrNextMs, 600, 1000);
        var lo = Math.Floor(Math.Min(lo1, lo2) / 50) * 50;
        var hi = Math.Ceiling(Math.Max(hi1, hi2) / 50) * 50;
        var plot = new SvgPlot("poincare", SvgPlot.Width - SvgPlot.Left - SvgPlot.Right + SvgPlot.Top + SvgPlot.Bottom, (lo, hi), (lo, hi));
        plot.Axes("This interval (ms)", "Next interval (ms)", v => v.ToString("0", CultureInfo.InvariantCulture), v => v.ToString("0", CultureInfo.InvariantCulture));
        plot.Raw($"<line class=\"identity\" x1=\"{SvgPlot.N(plot.Px(lo))}\" y1=\"{SvgPlot.N(plot.Py(lo))}\" x2=\"{SvgPlot.N(plot.Px(hi))}\" y2=\"{SvgPlot.N(plot.Py(hi))}\"/>");
        // Every dot in one path (a zero-length segment with round caps is a dot): one element instead of hundreds.
        var dots = new StringBuilder("<path class=\"dots\" d=\"");
        var step = Math.Max(1, (int)Math.Ceiling(p.RrNMs.Length / (double)FallbackDots));
        for (var i = 0; i < p.RrNMs.Length; i += step)
        {
            if (p.RrNMs[i] < lo || p.RrNMs[i] > hi || p.RrNextMs[i] < lo || p.RrNextMs[i] > hi)
            {
                continue;
            }
            dots.Append(CultureInfo.InvariantCulture, $"M{SvgPlot.N(plot.Px(p.RrNMs[i]))} {SvgPlot.N(plot.Py(p.RrNextMs[i]))}h0");
        }
        dots.Append("\"/>");
        plot.Raw(dots.ToString());
        if (double.IsFinite(meanNnMs))
        {
            // The SD1/SD2 ellipse: SD2 along the identity line, SD1 across it (Brennan et al. 2001).
            var scale = (plot.PlotRight - SvgPlot.Left) / (hi - lo);
            plot.Raw(string.Create(CultureInfo.InvariantCulture,
                $"<ellipse class=\"ellipse\" cx=\"{SvgPlot.N(plot.Px(meanNnMs))}\" cy=\"{SvgPlot.N(plot.Py(meanNnMs))}\" rx=\"{SvgPlot.N(p.Sd2Ms * scale)}\" ry=\"{SvgPlot.N(p.Sd1Ms * scale)}\" transform=\"rotate(-45 {SvgPlot.N(plot.Px(meanNnMs))} {SvgPlot.N(plot.Py(meanNnMs))})\"/>"));
        }
        var drawnPairs = (p.RrNMs.Length + step - 1) / step;
        var shown = drawnPairs < p.PairCount ? $" ({drawnPairs:N0} of {p.PairCount:N0} pairs shown)" : "";
        return new HtmlString(plot.Render("Poincaré plot",
            $"Each dot pairs one interval with the next{shown}. The cloud's width across the diagonal (SD1 {p.Sd1Ms:0} ms) shows quick beat-to-beat change; its length along it (SD2 {p.Sd2Ms:0} ms) shows slower change.",
            "square"));
    }

    public static HtmlString Spectrum(SpectrumDto s)
    {
        var max = s.DensityMs2PerHz.Length == 0 ? 1 : s.DensityMs2PerHz.Max();
        var plot = new SvgPlot("spectrum", 270, (0, 0.5), (0, max * 1.1));
        var classes = new Dictionary<string, string> { ["VLF"] = "band band-vlf", ["LF"] = "band band-lf", ["HF"] = "band band-hf" };
        foreach (var band in s.Bands)
        {
            plot.XBand(band.LowHz, band.HighHz, classes.GetValueOrDefault(band.Name, "band"), band.Name);
        }
        plot.Axes("Frequency (Hz)", "Power (ms²/Hz)", v => v.ToString("0.##", CultureInfo.InvariantCulture), Compact);
        var (fx, fy) = Thin(s.FrequenciesHz, s.DensityMs2PerHz, FallbackBuckets);
        plot.Line(fx, fy);
        var bands = string.Join(", ", s.Bands.Select(b => $"{b.Name} {b.LowHz:0.####}–{b.HighHz:0.##} Hz: {(b.PowerMs2 is { } v ? v.ToString("0", CultureInfo.InvariantCulture) + " ms²" : "not enough data")}"));
        return new HtmlString(plot.Render("Spectrum of heart-rate variability",
            $"How much the time between beats swings at each speed. Shaded and labelled bands: {bands}."));
    }

    public static HtmlString Coherence(IReadOnlyList<CoherencePointDto> points, double durationS)
    {
        var values = points.Select(p => p.CoherenceRatio ?? 0).ToArray();
        var top = Math.Max(3, Percentile(values, 0.98));
        var total = Math.Max(durationS, points.Count == 0 ? 1 : points[^1].TimeS);
        var plot = new SvgPlot("coherence", 250, (0, total), (0, top));
        plot.Axes("Time from start", "Coherence ratio", t => SvgPlot.FormatTime(t, total), v => v.ToString("0.#", CultureInfo.InvariantCulture), SvgPlot.TimeTicks(total));
        var (cx, cy) = Thin(points.Select(p => p.TimeS).ToArray(), values, FallbackBuckets);
        plot.Line(cx, cy);
        var high = values.Length == 0 ? 0 : values.Count(v => v >= 1) * 100.0 / values.Length;
        return new HtmlString(plot.Render("Coherence over time",
            $"How rhythmic and wave-like the heartbeat was, minute by minute. It was at 1 or above for about {high:0}% of the time."));
    }

    /// <summary>Lag × time heat map: colour strength and hue (with a legend) for r, and a line for the strongest lag.</summary>
    public static HtmlString Heatmap(SynchronyHeatmapDto h, string nameA, string nameB, double windowS)
    {
        var columns = h.ColumnTimesS.Length;
        var lags = h.LagsS.Length;
        var tMax = columns == 0 ? 1 : h.ColumnTimesS[^1] + windowS / 2;
        var tMin = columns == 0 ? 0 : Math.Max(0, h.ColumnTimesS[0] - windowS / 2);
        var maxLag = lags == 0 ? 5 : h.LagsS[^1];
        var plot = new SvgPlot("heatmap", 380, (tMin, tMax), (-maxLag, maxLag));
        var cellW = columns == 0 ? 0 : (plot.PlotRight - SvgPlot.Left) / columns;
        var cellH = lags == 0 ? 0 : (plot.PlotBottom - SvgPlot.Top) / lags;
        var cells = new StringBuilder("<g class=\"cells\">");
        for (var l = 0; l < lags; l++)
        {
            var y = plot.PlotBottom - (l + 1) * cellH;
            for (var c = 0; c < columns;)
            {
                // Neighbouring cells of the same shade are drawn as one rectangle: same picture, far less markup.
                var cls = CellClass(h.R[l][c]);
                var end = c + 1;
                while (end < columns && CellClass(h.R[l][end]) == cls)
                {
                    end++;
                }
                if (cls != "hm-none")
                {
                    cells.Append(CultureInfo.InvariantCulture,
                        $"<rect class=\"{cls}\" x=\"{SvgPlot.N(SvgPlot.Left + c * cellW)}\" y=\"{SvgPlot.N(y)}\" width=\"{SvgPlot.N((end - c) * cellW + 0.3)}\" height=\"{SvgPlot.N(cellH + 0.3)}\"/>");
                }
                c = end;
            }
        }
        cells.Append("</g>");
        plot.Raw(cells.ToString());
        plot.HorizontalLine(0, "zero-lag");
        var total = tMax;
        plot.Axes("Time from start", "Lag (s)", t => SvgPlot.FormatTime(t, total), v => v.ToString("0.#", CultureInfo.InvariantCulture), SvgPlot.TimeTicks(total));
        var px = new List<double>();
        var py = new List<double>();
        for (var c = 0; c < columns; c++)
        {
            if (h.PeakLagS[c] is { } lag)
            {
                px.Add(h.ColumnTimesS[c]);
                py.Add(lag);
            }
        }
        plot.Line(px.ToArray(), py.ToArray(), "peak-line");
        plot.Raw(string.Create(CultureInfo.InvariantCulture,
            $"<text class=\"marker-label\" x=\"{SvgPlot.N(SvgPlot.Left + 4)}\" y=\"{SvgPlot.N(SvgPlot.Top + 12)}\">↑ {SvgPlot.E(nameA)} first</text><text class=\"marker-label\" x=\"{SvgPlot.N(SvgPlot.Left + 4)}\" y=\"{SvgPlot.N(plot.PlotBottom - 5)}\">↓ {SvgPlot.E(nameB)} first</text>"));
        return new HtmlString(plot.Render("Synchrony heat map",
            $"Across time (left to right) and lag (up: {nameA}'s heart rate changed first; down: {nameB}'s did), darker teal means the two heart rates moved the same way, darker coral the opposite way. The line follows the lag where they matched best.",
            null));
    }

    /// <summary>Nine classes from strongly opposite (n4) through none (z) to strongly together (p4).</summary>
    public static string CellClass(double? r) => r switch
    {
        null => "hm-none",
        >= 0.6 => "hm-p4",
        >= 0.4 => "hm-p3",
        >= 0.2 => "hm-p2",
        >= 0.05 => "hm-p1",
        > -0.05 => "hm-z",
        > -0.2 => "hm-n1",
        > -0.4 => "hm-n2",
        > -0.6 => "hm-n3",
        _ => "hm-n4",
    };

    private static string Compact(double v) => v switch
    {
        >= 1e6 => (v / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (v / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => v.ToString("0.#", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// At most <paramref name="buckets"/> × 2 points of an x-ordered series: each run of equal length keeps its lowest
    /// and highest value in x order, so a short spike survives the thinning.
    /// </summary>
    internal static (double[] X, double[] Y) Thin(double[] xs, double[] ys, int buckets)
    {
        if (xs.Length <= buckets * 2)
        {
            return (xs, ys);
        }
        var outX = new List<double>(buckets * 2);
        var outY = new List<double>(buckets * 2);
        for (var b = 0; b < buckets; b++)
        {
            var start = (int)((long)xs.Length * b / buckets);
            var end = (int)((long)xs.Length * (b + 1) / buckets);
            int lo = start, hi = start;
            for (var i = start + 1; i < end; i++)
            {
                if (ys[i] < ys[lo])
                {
                    lo = i;
                }
                if (ys[i] > ys[hi])
                {
                    hi = i;
                }
            }
            var (first, second) = lo <= hi ? (lo, hi) : (hi, lo);
            outX.Add(xs[first]);
            outY.Add(ys[first]);
            if (second != first)
            {
                outX.Add(xs[second]);
                outY.Add(ys[second]);
            }
        }
        return (outX.ToArray(), outY.ToArray());
    }

    private static double Last(double[] values) => values.Length == 0 ? 1 : values[^1];

    private static (double Lo, double Hi) Range(double[] values, double defaultLo, double defaultHi)
    {
        if (values.Length == 0)
        {
            return (defaultLo, defaultHi);
        }
        // Robust range: a few extreme beats should not squash the whole chart.
        return (Percentile(values, 0.002), Percentile(values, 0.998));
    }

    private static double Percentile(double[] values, double q)
    {
        if (values.Length == 0)
        {
            return 0;
        }
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[(int)Math.Clamp(Math.Round(q * (sorted.Length - 1)), 0, sorted.Length - 1)];
    }
}
