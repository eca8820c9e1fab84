using System.Globalization;
using Attune.Analysis.Series;

namespace Attune.Analysis.Rhythm;

/// <summary>
/// Finds stretches of a recording whose rhythm is irregular in a way for which HRV does not reflect
/// vagal tone, from the coefficient of sample entropy (COSEn, Lake &amp; Moorman 2011) of 12-beat segments.
/// </summary>
public static class IrregularRhythmDetector
{
    /// <summary>
    /// Judges each window of the recording (default 5 minutes) by the COSEn of its segments.
    /// </summary>
    /// <remarks>
    /// <para>Segments: consecutive runs of <see cref="IrregularRhythmOptions.SegmentIntervals"/> (12)
    /// intervals between adjacent beats (beat i adjacent to i − 1 when t[i] − t[i−1] ≤ 1.5·RR[i]/1000), not
    /// overlapping; a gap starts a new segment and an incomplete run is dropped. A segment is irregular
    /// when its COSEn (<see cref="CoefficientOfSampleEntropy.Compute"/>) exceeds
    /// <see cref="IrregularRhythmOptions.CosenThreshold"/> (−1.4).</para>
    /// <para>Windows: consecutive spans of <see cref="IrregularRhythmOptions.WindowS"/> from the start of the
    /// first interval (t[0] − RR[0]/1000); a segment belongs to the window holding its last beat. A window
    /// is judged when it holds at least <see cref="IrregularRhythmOptions.MinimumSegmentsPerWindow"/>
    /// segments, and irregular when more than <see cref="IrregularRhythmOptions.IrregularSegmentShare"/>
    /// of them are. Consecutive irregular windows merge into stretches. The recording as a whole is flagged
    /// when the irregular windows cover at least <see cref="IrregularRhythmOptions.FlagMinimumFraction"/>
    /// (10 %) of the judged time; shorter stretches are listed either way. The window majority and the
    /// flag rule are our engineering choices; the segment rule is the published one. Cost O(N), N = intervals.</para>
    /// <para>Apply it to artifact-corrected intervals, like every HRV measure: single ectopic beats are
    /// then interpolated away, and what remains irregular is the rhythm itself. Frequent ectopy and
    /// atrial flutter with variable conduction can also raise COSEn (Lake &amp; Moorman 2011); either way
    /// HRV is not a reading of vagal tone there. Never a diagnosis.</para>
    /// </remarks>
    public static IrregularRhythmResult Detect(RrSeries series, IrregularRhythmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var o = options ?? IrregularRhythmOptions.Default;
        if (o.SegmentIntervals < CoefficientOfSampleEntropy.MinimumIntervals || !(o.WindowS > 0) || o.MinimumSegmentsPerWindow < 1
            || !(o.IrregularSegmentShare is >= 0 and < 1) || !(o.FlagMinimumFraction is > 0 and <= 1) || double.IsNaN(o.CosenThreshold))
        {
            throw new ArgumentException("Irregular-rhythm options out of range: segments need at least 4 intervals, the window and counts must be positive, the segment share in [0, 1) and the flag share in (0, 1].", nameof(options));
        }
        var rr = series.IntervalsMs;
        var t = series.BeatTimesS;
        var windows = new List<RhythmWindow>();
        if (rr.Length == 0)
        {
            return new IrregularRhythmResult(false, 0, 0, 0, 0, windows, []);
        }
        var origin = t[0] - rr[0] / 1000.0;
        var windowCount = Math.Max(1, (int)Math.Ceiling((t[^1] - origin) / o.WindowS));
        var segments = new int[windowCount];
        var irregular = new int[windowCount];

        var start = 0;
        for (var i = 1; i <= rr.Length; i++)
        {
            var broken = i == rr.Length || !IsAdjacent(rr, t, i);
            if (i - start == o.SegmentIntervals)
            {
                var w = Math.Min(windowCount - 1, (int)((t[i - 1] - origin) / o.WindowS));
                segments[w]++;
                if (CoefficientOfSampleEntropy.Compute(rr.Slice(start, o.SegmentIntervals)).Cosen > o.CosenThreshold)
                {
                    irregular[w]++;
                }
                start = i;
            }
            if (broken)
            {
                start = i;
            }
        }

        int assessed = 0, irregularWindows = 0;
        double assessedS = 0, irregularS = 0;
        var stretches = new List<IrregularStretch>();
        for (var w = 0; w < windowCount; w++)
        {
            var from = origin + w * o.WindowS;
            var to = Math.Min(t[^1], from + o.WindowS);
            var judged = segments[w] >= o.MinimumSegmentsPerWindow;
            var isIrregular = judged && irregular[w] > o.IrregularSegmentShare * segments[w];
            windows.Add(new RhythmWindow(from, to, segments[w], irregular[w], judged, isIrregular));
            if (!judged)
            {
                continue;
            }
            assessed++;
            assessedS += to - from;
            if (!isIrregular)
            {
                continue;
            }
            irregularWindows++;
            irregularS += to - from;
            if (stretches.Count > 0 && stretches[^1].EndS == from)
            {
                stretches[^1] = stretches[^1] with { EndS = to };
            }
            else
            {
                stretches.Add(new IrregularStretch(from, to));
            }
        }
        var flagged = irregularWindows > 0 && irregularS >= o.FlagMinimumFraction * assessedS;
        return new IrregularRhythmResult(flagged, assessed, irregularWindows, assessedS, irregularS, windows, stretches);
    }

    internal static string ReadingFor(IrregularRhythmResult result)
    {
        var share = (result.IrregularFraction * 100).ToString("0", CultureInfo.InvariantCulture);
        var duration = FormatDuration(result.IrregularDurationS);
        return $"The heartbeat in this recording looks irregular for about {duration} ({share}% of the time we could judge), " +
            "as frequent extra beats or an atrial-fibrillation-like rhythm make it. " +
            "With such a rhythm, these numbers cannot be read as calm or stress. " +
            "This is not a diagnosis; if it is unexpected, consider showing the recording to a clinician.";
    }

    private static string FormatDuration(double seconds)
    {
        var minutes = (int)Math.Round(seconds / 60);
        if (minutes < 120)
        {
            return minutes.ToString(CultureInfo.InvariantCulture) + (minutes == 1 ? " minute" : " minutes");
        }
        return (seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture) + " hours";
    }

    private static bool IsAdjacent(ReadOnlySpan<double> rr, ReadOnlySpan<double> t, int i) =>
        t[i] - t[i - 1] <= Hrv.SuccessiveDifferences.GapFactor * rr[i] / 1000.0;
}
