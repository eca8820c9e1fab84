namespace Attune.Analysis.Synchrony;

/// <summary>
/// Settings of the windowed lagged cross-correlation (Boker, Xu, Rotondo &amp; King 2002).
/// </summary>
/// <param name="WindowS">Window size w in seconds (default 30 s).</param>
/// <param name="MaxLagS">Largest lag τmax in seconds, both directions (default 5 s).</param>
/// <param name="StepS">Window increment in seconds (default 0.5 s). The lag increment is always one grid sample.
/// Window, maximum lag and step must each be a whole number of grid samples (an <see cref="ArgumentException"/> otherwise).</param>
/// <param name="MaxMissingFraction">A window and lag is left NaN when more than this share of its
/// sample pairs has a missing value on either side (default 0.2).</param>
/// <param name="PeakSearchHalfWidthLags">Half-width h, in lags, of the neighbourhood in which a peak
/// must be the largest value (default 2 lags = ±0.5 s at 4 Hz); Boker et al.'s search region L_size = 2h + 1.</param>
/// <param name="InPhaseToleranceS">A peak with |lag| ≤ this is counted as in phase rather than as
/// one partner leading (default 0.25 s = one sample at 4 Hz).</param>
public sealed record WindowedCrossCorrelationOptions(
    double WindowS = 30.0,
    double MaxLagS = 5.0,
    double StepS = 0.5,
    double MaxMissingFraction = 0.2,
    int PeakSearchHalfWidthLags = 2,
    double InPhaseToleranceS = 0.25)
{
    /// <summary>The defaults: 30 s windows, ±5 s lags, 0.5 s steps.</summary>
    public static WindowedCrossCorrelationOptions Default { get; } = new();

    internal (int Window, int MaxLag, int Step) ToSamples(double rateHz)
    {
        if (!(rateHz > 0) || !double.IsFinite(rateHz))
        {
            throw new ArgumentException($"Rate must be positive; got {rateHz} Hz.", nameof(rateHz));
        }
        var w = WholeSamples(WindowS, rateHz, nameof(WindowS));
        var l = WholeSamples(MaxLagS, rateHz, nameof(MaxLagS));
        var s = WholeSamples(StepS, rateHz, nameof(StepS));
        if (s < 1)
        {
            throw new ArgumentException($"The step must be at least one sample; got {StepS} s at {rateHz} Hz.", nameof(StepS));
        }
        if (w < 3)
        {
            throw new ArgumentException($"A window of {WindowS} s at {rateHz} Hz holds fewer than 3 samples.", nameof(WindowS));
        }
        if (l < 0)
        {
            throw new ArgumentException($"Maximum lag must not be negative; got {MaxLagS} s.", nameof(MaxLagS));
        }
        if (!(MaxMissingFraction >= 0 && MaxMissingFraction < 1))
        {
            throw new ArgumentException($"Missing fraction must be in [0, 1); got {MaxMissingFraction}.", nameof(MaxMissingFraction));
        }
        return (w, l, s);
    }

    // Seconds that are not a whole number of grid samples would be rounded while results still name
    // the value asked for, so they are refused.
    private static int WholeSamples(double seconds, double rateHz, string name)
    {
        var samples = seconds * rateHz;
        var rounded = Math.Round(samples);
        if (!double.IsFinite(samples) || Math.Abs(samples - rounded) > 1e-9 * Math.Max(1, Math.Abs(samples)))
        {
            throw new ArgumentException($"{name} = {seconds} s is not a whole number of samples at {rateHz} Hz (one sample is {1 / rateHz} s).", name);
        }
        return (int)rounded;
    }
}
