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
