using System.Buffers;
using Attune.Analysis.Series;

namespace Attune.Analysis.Hrv;

/// <summary>
/// Time-domain HRV measures of one RR series (Task Force of the ESC and NASPE 1996, Table 1).
/// </summary>
/// <param name="MeanNnMs">Mean RR interval, ms.</param>
/// <param name="SdnnMs">Standard deviation of RR intervals, N − 1 denominator, ms.</param>
/// <param name="RmssdMs">Root mean square of successive differences, ms.</param>
/// <param name="SdsdMs">Standard deviation of successive differences, N − 1 denominator, ms.</param>
/// <param name="Pnn50Percent">Percentage of successive differences with |ΔRR| &gt; 50 ms.</param>
/// <param name="Pnn20Percent">Percentage of successive differences with |ΔRR| &gt; 20 ms.</param>
/// <param name="MeanHrBpm">Mean of the instantaneous heart rates 60000/RR, beats per minute.</param>
/// <param name="CvnnPercent">SDNN / MeanNN × 100.</param>
/// <param name="MedianNnMs">Median RR interval, ms.</param>
/// <param name="IqrNnMs">Interquartile range Q3 − Q1 of RR intervals (linear-interpolation quantiles), ms.</param>
/// <param name="SdannMs">SD (N − 1) of the mean RR of full 5-minute segments, ms; null with fewer than two full segments.</param>
/// <param name="SdnniMs">Mean of the SD (N − 1) of RR within full 5-minute segments, ms; null with fewer than two full segments.</param>
/// <param name="DifferenceCount">Number of successive differences used (adjacent beats only).</param>
public sealed record TimeDomainResult(
    double MeanNnMs,
    double SdnnMs,
    double RmssdMs,
    double SdsdMs,
    double Pnn50Percent,
    double Pnn20Percent,
    double MeanHrBpm,
    double CvnnPercent,
    double MedianNnMs,
    double IqrNnMs,
    double? SdannMs,
    double? SdnniMs,
    int DifferenceCount);

/// <summary>What pNN50 and pNN20 are a percentage of.</summary>
public enum PnnDenominator
{
    /// <summary>The M successive differences compared (adjacent beats only): a proportion of the pairs tested.</summary>
    Differences,

    /// <summary>M + 1, the number of intervals when there are no gaps (Task Force 1996 Table 1; NeuroKit2).</summary>
    Intervals,
}

/// <summary>
/// Computes <see cref="TimeDomainResult"/> (Task Force 1996; Shaffer &amp; Ginsberg 2017).
/// </summary>
public static class TimeDomain
{
    /// <summary>Fewest intervals accepted: three, so that there are two successive differences for SDSD.</summary>
    public const int MinimumIntervals = 3;

    /// <summary>Segment length for SDANN and SDNNI, seconds (Task Force 1996: 5 minutes).</summary>
    public const double SegmentLengthS = 300;

    /// <summary>
    /// Computes all time-domain measures.
    /// </summary>
    /// <remarks>
    /// <para>MeanNN = ΣRR/N. SDNN = √(Σ(RR − MeanNN)²/(N − 1)). Successive differences ΔRR are taken
    /// only between adjacent beats (a difference across a gap in beat times, more than 1.5 × the
    /// interval, is skipped); with M differences, RMSSD = √(ΣΔRR²/M), SDSD = √(Σ(ΔRR − mean ΔRR)²/(M − 1)),
    /// pNNx = 100·#{|ΔRR| &gt; x}/M (strictly greater; denominator is the number of differences, not
    /// of intervals). MeanHR = Σ(60000/RR)/N (mean of instantaneous rates, which is not 60000/MeanNN).
    /// CVNN = 100·SDNN/MeanNN. Median and quartiles use linear interpolation between order statistics
    /// (Hyndman &amp; Fan type 7, numpy's default).</para>
    /// <para>SDANN and SDNNI: the record is cut into consecutive 300-s segments from the start of
    /// the first interval (first beat time minus its interval); an interval belongs to the segment
    /// (start, end] that contains the time of the beat closing it. Only full segments (ending at or before the last beat) with at least two
    /// beats count; SDANN = SD (N − 1) of their mean RR, SDNNI = mean of their SDs (N − 1). Both are null
    /// when fewer than two full segments exist (records shorter than 10 minutes).</para>
    /// </remarks>
    /// <exception cref="InsufficientDataException">Fewer than <see cref="MinimumIntervals"/> intervals (<see cref="InsufficientDataReason.NotEnoughBeats"/>), or no
    /// two adjacent pairs of beats remain for successive differences (<see cref="InsufficientDataReason.TooManyGaps"/>).</exception>
    public static TimeDomainResult Compute(RrSeries series) => Compute(series, PnnDenominator.Differences);

    /// <summary>
    /// As <see cref="Compute(RrSeries)"/>, with pNN50 and pNN20 divided as <paramref name="denominator"/> says:
    /// by the M differences compared (Attune's default), or by M + 1, the number of intervals when there are no
    /// gaps (Task Force 1996 Table 1; NeuroKit2's <c>len(dRR) + 1</c>).
    /// </summary>
    /// <exception cref="InsufficientDataException">As <see cref="Compute(RrSeries)"/>.</exception>
    public static TimeDomainResult Compute(RrSeries series, PnnDenominator denominator)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count < MinimumIntervals)
        {
            throw new InsufficientDataException(InsufficientDataReason.NotEnoughBeats, $"Time-domain HRV needs at least {MinimumIntervals} intervals; got {series.Count}.");
        }
        var rr = series.IntervalsMs;
        var n = rr.Length;

        double sum = 0, sumHr = 0;
        for (var i = 0; i < n; i++)
        {
            sum += rr[i];
            sumHr += 60000.0 / rr[i];
        }
        var mean = sum / n;
        double ss = 0;
        for (var i = 0; i < n; i++)
        {
            var d = rr[i] - mean;
            ss += d * d;
        }
        var sdnn = Math.Sqrt(ss / (n - 1));

        var rentedDiffs = ArrayPool<double>.Shared.Rent(n - 1);
        var diffs = rentedDiffs.AsSpan(0, SuccessiveDifferences.Write(series, rentedDiffs));
        if (diffs.Length < 2)
        {
            ArrayPool<double>.Shared.Return(rentedDiffs);
            throw new InsufficientDataException(InsufficientDataReason.TooManyGaps, "Fewer than two successive differences between adjacent beats remain.");
        }
        double sumD = 0, sumD2 = 0;
        var over50 = 0;
        var over20 = 0;
        for (var i = 0; i < diffs.Length; i++)
        {
            var d = diffs[i];
            sumD += d;
            sumD2 += d * d;
            var a = Math.Abs(d);
            if (a > 50)
            {
                over50++;
            }
            if (a > 20)
            {
                over20++;
            }
        }
        var m = diffs.Length;
        var pnnDenominator = denominator == PnnDenominator.Intervals ? m + 1.0 : m;
        var rmssd = Math.Sqrt(sumD2 / m);
        var sdsd = Descriptive.SampleStandardDeviation(diffs);
        ArrayPool<double>.Shared.Return(rentedDiffs);

        var rented = ArrayPool<double>.Shared.Rent(n);
        var sorted = rented.AsSpan(0, n);
        rr.CopyTo(sorted);
        sorted.Sort();
        var median = Descriptive.QuantileOfSorted(sorted, 0.5);
        var iqr = Descriptive.QuantileOfSorted(sorted, 0.75) - Descriptive.QuantileOfSorted(sorted, 0.25);
        ArrayPool<double>.Shared.Return(rented);

        var (sdann, sdnni) = SegmentStatistics(series);

        return new TimeDomainResult(
            MeanNnMs: mean,
            SdnnMs: sdnn,
            RmssdMs: rmssd,
            SdsdMs: sdsd,
            Pnn50Percent: 100.0 * over50 / pnnDenominator,
            Pnn20Percent: 100.0 * over20 / pnnDenominator,
            MeanHrBpm: sumHr / n,
            CvnnPercent: 100.0 * sdnn / mean,
            MedianNnMs: median,
            IqrNnMs: iqr,
            SdannMs: sdann,
            SdnniMs: sdnni,
            DifferenceCount: m);
    }

    private static (double? Sdann, double? Sdnni) SegmentStatistics(RrSeries series)
    {
        var rr = series.IntervalsMs;
        var t = series.BeatTimesS;
        var origin = t[0] - rr[0] / 1000.0;
        var fullSegments = (int)Math.Floor((t[^1] - origin) / SegmentLengthS);
        if (fullSegments < 2)
        {
            return (null, null);
        }
        var means = new double[fullSegments];
        var sds = new double[fullSegments];
        var used = 0;
        var start = 0;
        for (var s = 0; s < fullSegments; s++)
        {
            var segmentEnd = origin + (s + 1) * SegmentLengthS;
            var end = start;
            while (end < rr.Length && t[end] <= segmentEnd)
            {
                end++;
            }
            if (end - start >= 2)
            {
                var segment = rr[start..end];
                means[used] = Descriptive.Mean(segment);
                sds[used] = Descriptive.SampleStandardDeviation(segment);
                used++;
            }
            start = end;
        }
        if (used < 2)
        {
            return (null, null);
        }
        return (Descriptive.SampleStandardDeviation(means.AsSpan(0, used)), Descriptive.Mean(sds.AsSpan(0, used)));
    }
}
