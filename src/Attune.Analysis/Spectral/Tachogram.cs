using Attune.Analysis.Series;

namespace Attune.Analysis.Spectral;

/// <summary>Evenly resampled RR tachogram.</summary>
internal static class Tachogram
{
    /// <summary>
    /// RR[i] placed at beat time t[i], interpolated by a natural cubic spline on the grid
    /// t[0] + k/rate, k = 0..⌊(t[^1] − t[0])·rate⌋, then mean-subtracted. Values in ms.
    /// </summary>
    public static double[] Resample(RrSeries series, double rateHz)
    {
        var output = new double[GridLength(series, rateHz)];
        Resample(series, rateHz, output);
        return output;
    }

    /// <summary>Number of grid samples from the first to the last beat at this rate.</summary>
    public static int GridLength(RrSeries series, double rateHz)
    {
        var t = series.BeatTimesS;
        return (int)Math.Floor((t[^1] - t[0]) * rateHz) + 1;
    }

    /// <summary>As <see cref="Resample(RrSeries, double)"/>, into a caller-provided span of <see cref="GridLength"/> samples.</summary>
    public static void Resample(RrSeries series, double rateHz, Span<double> output)
    {
        var t = series.BeatTimesS;
        var n = output.Length;
        NaturalCubicSpline.EvaluateOnGrid(t, series.IntervalsMs, t[0], rateHz, output);
        double mean = 0;
        for (var i = 0; i < n; i++)
        {
            mean += output[i];
        }
        mean /= n;
        for (var i = 0; i < n; i++)
        {
            output[i] -= mean;
        }
    }

    /// <summary>
    /// Number of samples of NeuroKit2's grid <c>numpy.arange(t[0], t[^1] + 1/rate, 1/rate)</c>:
    /// ⌈((t[^1] + 1/rate) − t[0]) / (1/rate)⌉, computed in the same floating-point steps.
    /// </summary>
    public static int NeuroKitGridLength(RrSeries series, double rateHz)
    {
        var t = series.BeatTimesS;
        var step = 1 / rateHz;
        return (int)Math.Ceiling((t[^1] + step - t[0]) / step);
    }

    /// <summary>
    /// RR[i] at beat time t[i] through <see cref="QuadraticSpline"/> on NeuroKit2's grid (sample k at
    /// t[0] + k·((t[0] + 1/rate) − t[0]), as numpy.arange fills it; beyond the last beat the last interval),
    /// then mean-subtracted (NeuroKit2's <c>signal_psd</c>). Values in ms; <paramref name="output"/> holds
    /// <see cref="NeuroKitGridLength"/> samples.
    /// </summary>
    public static void ResampleNeuroKit(RrSeries series, double rateHz, Span<double> output)
    {
        var t = series.BeatTimesS;
        var step = t[0] + 1 / rateHz - t[0];
        QuadraticSpline.EvaluateOnGrid(t, series.IntervalsMs, t[0], step, output);
        double mean = 0;
        foreach (var v in output)
        {
            mean += v;
        }
        mean /= output.Length;
        for (var i = 0; i < output.Length; i++)
        {
            output[i] -= mean;
        }
    }

    /// <summary>Instantaneous heart rate 60000/RR (bpm) at beat times, resampled like <see cref="Resample(RrSeries, double)"/>
    /// but without mean subtraction.</summary>
    public static double[] ResampleHeartRate(RrSeries series, double rateHz)
    {
        var t = series.BeatTimesS;
        var rr = series.IntervalsMs;
        var hr = new double[rr.Length];
        for (var i = 0; i < hr.Length; i++)
        {
            hr[i] = 60000.0 / rr[i];
        }
        var n = (int)Math.Floor((t[^1] - t[0]) * rateHz) + 1;
        var output = new double[n];
        NaturalCubicSpline.EvaluateOnGrid(t, hr, t[0], rateHz, output);
        return output;
    }
}
