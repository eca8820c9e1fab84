using Attune.Analysis.Series;

namespace Attune.Analysis.Hrv;

/// <summary>How DFA cuts the profile into boxes.</summary>
public enum DfaWindowing
{
    /// <summary>⌊N/n⌋ non-overlapping boxes from the start (Peng et al. 1995; Attune's default).</summary>
    NonOverlapping,

    /// <summary>Boxes starting every ⌊n/2⌋ samples at positions below N − n (NeuroKit2's
    /// <c>fractal_dfa(overlap=True)</c>); F(n) = √(mean over boxes of the mean squared residual), boxes whose
    /// mean squared residual is at most 1e-8 left out, as NeuroKit2 does.</summary>
    HalfOverlapping,
}

/// <summary>
/// Detrended fluctuation analysis (Peng, Havlin, Stanley &amp; Goldberger 1995).
/// </summary>
public static class Dfa
{
    /// <summary>Fewest boxes required at the largest box size, so that F(n) is an average.</summary>
    public const int MinimumBoxesAtLargestScale = 4;

    /// <summary>
    /// Scaling exponent α over box sizes n = <paramref name="minBox"/>..<paramref name="maxBox"/> (every
    /// integer, inclusive; α1: 4–16 beats, α2: 16–64 beats as in Kubios).
    /// </summary>
    /// <remarks>
    /// Profile y[k] = Σ_{i≤k} (RR[i] − mean RR). For each n, the profile is cut into ⌊N/n⌋
    /// non-overlapping boxes from the start (a remainder is dropped; no second pass from the end); in
    /// each box a least-squares line in the sample index is removed, and
    /// F(n) = √(Σ residual² / (n·⌊N/n⌋)). α is the ordinary-least-squares slope of log10 F(n) on
    /// log10 n over all n in range, equally weighted. White noise gives α ≈ 0.5, 1/f noise ≈ 1,
    /// Brownian motion ≈ 1.5. Intervals are used in order; gaps in beat times are ignored. NaN when F(n) = 0
    /// at some n (a constant series).
    /// Cost O(N·(maxBox − minBox + 1)).
    /// </remarks>
    /// <exception cref="ArgumentException">minBox &lt; 3 or maxBox ≤ minBox.</exception>
    /// <exception cref="InsufficientDataException">Fewer than <see cref="MinimumBoxesAtLargestScale"/>·maxBox intervals
    /// (<see cref="InsufficientDataReason.NotEnoughBeats"/>).</exception>
    public static double Alpha(RrSeries series, int minBox, int maxBox) => Alpha(series, minBox, maxBox, DfaWindowing.NonOverlapping);

    /// <summary>As <see cref="Alpha(RrSeries, int, int)"/>, with the boxes placed as <paramref name="windowing"/> says.</summary>
    /// <exception cref="ArgumentException">minBox &lt; 3 or maxBox ≤ minBox.</exception>
    /// <exception cref="InsufficientDataException">Fewer than <see cref="MinimumBoxesAtLargestScale"/>·maxBox intervals
    /// (<see cref="InsufficientDataReason.NotEnoughBeats"/>).</exception>
    public static double Alpha(RrSeries series, int minBox, int maxBox, DfaWindowing windowing)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Alpha(series.IntervalsMs, minBox, maxBox, windowing);
    }

    /// <summary>Fewest intervals for <see cref="Alpha(RrSeries, int, int)"/> with this largest box.</summary>
    public static int MinimumIntervals(int maxBox) => MinimumBoxesAtLargestScale * maxBox;

    internal static double Alpha(ReadOnlySpan<double> x, int minBox, int maxBox, DfaWindowing windowing = DfaWindowing.NonOverlapping)
    {
        if (minBox < 3 || maxBox <= minBox)
        {
            throw new ArgumentException($"Box sizes must satisfy 3 ≤ minBox < maxBox; got {minBox}..{maxBox}.", nameof(minBox));
        }
        if (x.Length < MinimumIntervals(maxBox))
        {
            throw new InsufficientDataException(InsufficientDataReason.NotEnoughBeats, $"DFA up to {maxBox}-beat boxes needs at least {MinimumIntervals(maxBox)} intervals; got {x.Length}.");
        }

        var profile = new double[x.Length];
        var mean = Descriptive.Mean(x);
        double cumulative = 0;
        for (var i = 0; i < x.Length; i++)
        {
            cumulative += x[i] - mean;
            profile[i] = cumulative;
        }

        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        var count = maxBox - minBox + 1;
        for (var n = minBox; n <= maxBox; n++)
        {
            var f = windowing == DfaWindowing.HalfOverlapping ? OverlappingFluctuation(profile, n) : Fluctuation(profile, n);
            var lx = Math.Log10(n);
            var ly = Math.Log10(f);
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        return (count * sxy - sx * sy) / (count * sxx - sx * sx);
    }

    // NeuroKit2's boxes: starts 0, ⌊n/2⌋, 2⌊n/2⌋, … below N − n; per box the mean squared residual of the
    // least-squares line; boxes at or below 1e-8 dropped; F = √(mean of the rest), NaN when none is left.
    internal static double OverlappingFluctuation(ReadOnlySpan<double> profile, int n)
    {
        var step = n / 2;
        var centre = (n - 1) / 2.0;
        var sxx = n * ((double)n * n - 1) / 12.0;
        double total = 0;
        var kept = 0;
        for (var start = 0; start < profile.Length - n; start += step)
        {
            var box = profile.Slice(start, n);
            double mean = 0;
            for (var k = 0; k < n; k++)
            {
                mean += box[k];
            }
            mean /= n;
            double syy = 0, sxy = 0;
            for (var k = 0; k < n; k++)
            {
                var dy = box[k] - mean;
                syy += dy * dy;
                sxy += (k - centre) * dy;
            }
            var variance = Math.Max(0, syy - sxy * sxy / sxx) / n;
            if (variance > 1e-8)
            {
                total += variance;
                kept++;
            }
        }
        return kept == 0 ? double.NaN : Math.Sqrt(total / kept);
    }

    // Root-mean-square residual of a per-box linear fit. Index positions are centred, so
    // Σ(k − k̄)² = n(n² − 1)/12 and the residual sum is Σ(y − ȳ)² − (Σ(k − k̄)(y − ȳ))² / Σ(k − k̄)².
    internal static double Fluctuation(ReadOnlySpan<double> profile, int n)
    {
        var boxes = profile.Length / n;
        var centre = (n - 1) / 2.0;
        var sxx = n * ((double)n * n - 1) / 12.0;
        double total = 0;
        for (var b = 0; b < boxes; b++)
        {
            var box = profile.Slice(b * n, n);
            double mean = 0;
            for (var k = 0; k < n; k++)
            {
                mean += box[k];
            }
            mean /= n;
            double syy = 0, sxy = 0;
            for (var k = 0; k < n; k++)
            {
                var dy = box[k] - mean;
                syy += dy * dy;
                sxy += (k - centre) * dy;
            }
            total += Math.Max(0, syy - sxy * sxy / sxx);
        }
        return Math.Sqrt(total / (boxes * (double)n));
    }
}
