namespace Attune.Analysis.Rhythm;

/// <summary>COSEn of one short run of RR intervals, with the quantities it came from.</summary>
/// <param name="Cosen">COSEn = SampEn + ln(2r) − ln(mean RR), dimensionless (r and RR in the same unit).</param>
/// <param name="SampEn">−ln(A/B) at tolerance r.</param>
/// <param name="ToleranceMs">The tolerance r used, ms.</param>
/// <param name="MatchesM1">A: pairs of templates matching at length m + 1.</param>
/// <param name="MatchesM">B: pairs of templates matching at length m.</param>
/// <param name="MeanRrMs">Mean of the intervals, ms.</param>
public sealed record CosenEstimate(double Cosen, double SampEn, double ToleranceMs, int MatchesM1, int MatchesM, double MeanRrMs);

/// <summary>
/// Coefficient of sample entropy (COSEn; Lake &amp; Moorman 2011), an entropy estimate designed for very
/// short RR series (12 beats) that is high in atrial fibrillation and low in sinus rhythm.
/// </summary>
public static class CoefficientOfSampleEntropy
{
    /// <summary>Template length m = 1.</summary>
    public const int Dimension = 1;

    /// <summary>Starting tolerance r = 30 ms.</summary>
    public const double InitialToleranceMs = 30;

    /// <summary>Fewest matches A at length m + 1 for a confident estimate: 5.</summary>
    public const int MinimumMatches = 5;

    /// <summary>Fewest intervals: 4 (three templates with a continuation give three pairs; at least one must match).</summary>
    public const int MinimumIntervals = 4;

    /// <summary>
    /// COSEn of <paramref name="rrMs"/> (typically 12 consecutive intervals between adjacent beats).
    /// </summary>
    /// <remarks>
    /// <para>Templates of length m = 1 and m + 1 = 2 start at i = 0..N−2 (each length-1 template has a
    /// continuation, as in SampEn, Richman &amp; Moorman 2000). For a tolerance r, B = pairs i &lt; j
    /// with |RR[i] − RR[j]| ≤ r and A = pairs that also have |RR[i+1] − RR[j+1]| ≤ r.</para>
    /// <para>The tolerance is allowed to grow so that the estimate rests on enough matches (Lake &amp;
    /// Moorman 2011): r is the smallest value of at least 30 ms with A ≥ 5, that is the larger of 30 ms
    /// and the fifth smallest pairwise length-2 distance max(|RR[i] − RR[j]|, |RR[i+1] − RR[j+1]|), so
    /// no step size is involved (when fewer than five pairs exist, the largest distance). Then
    /// SampEn = −ln(A/B); QSE = SampEn + ln(2r), the conditional probability turned into a density by the
    /// width 2r of the matching region (Lake 2005); COSEn = QSE − ln(mean RR), with r and RR in the same
    /// unit so that the value is dimensionless. B ≥ A ≥ 1, so the value is always finite. O(N² log N)
    /// for N intervals: meant for short runs.</para>
    /// <para>References: Lake DE, Moorman JR (2011). Accurate estimation of entropy in very short
    /// physiological time series: the problem of atrial fibrillation detection in implanted
    /// ventricular devices. Am J Physiol Heart Circ Physiol 300(1):H319–H325. Lake DE (2005). Renyi
    /// entropy measures of heart rate Gaussianity. IEEE Trans Biomed Eng 53(1):21–27.</para>
    /// </remarks>
    /// <exception cref="InsufficientDataException">Fewer than <see cref="MinimumIntervals"/> intervals.</exception>
    public static CosenEstimate Compute(ReadOnlySpan<double> rrMs)
    {
        var n = rrMs.Length;
        if (n < MinimumIntervals)
        {
            throw new InsufficientDataException(InsufficientDataReason.NotEnoughBeats, $"COSEn needs at least {MinimumIntervals} intervals; got {n}.");
        }
        var templates = n - Dimension;
        var pairs = templates * (templates - 1) / 2;
        Span<double> distances = pairs <= 256 ? stackalloc double[pairs] : new double[pairs];
        var k = 0;
        for (var i = 0; i < templates; i++)
        {
            for (var j = i + 1; j < templates; j++)
            {
                distances[k++] = Math.Max(Math.Abs(rrMs[i] - rrMs[j]), Math.Abs(rrMs[i + 1] - rrMs[j + 1]));
            }
        }
        distances.Sort();
        var r = Math.Max(InitialToleranceMs, distances[Math.Min(MinimumMatches, pairs) - 1]);
        int a = 0, b = 0;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += rrMs[i];
        }
        for (var i = 0; i < templates; i++)
        {
            for (var j = i + 1; j < templates; j++)
            {
                if (Math.Abs(rrMs[i] - rrMs[j]) <= r)
                {
                    b++;
                    if (Math.Abs(rrMs[i + 1] - rrMs[j + 1]) <= r)
                    {
                        a++;
                    }
                }
            }
        }
        var mean = sum / n;
        var sampEn = -Math.Log((double)a / b);
        return new CosenEstimate(sampEn + Math.Log(2 * r) - Math.Log(mean), sampEn, r, a, b, mean);
    }
}
