namespace Attune.Analysis.Dyadic;

/// <summary>
/// Removes a person's straight-line trend: the residuals of <c>y = a + b·t</c> fitted by least squares
/// on the sample index t, as rties' <c>lineCenterById</c> does (<c>resid(lm(obs ~ time))</c>).
/// </summary>
/// <remarks>NaN samples are left NaN and ignored by the fit (R's <c>na.exclude</c>). With fewer than
/// two finite samples the output is all NaN. Units are those of the input.</remarks>
public static class LinearDetrend
{
    /// <summary>Returns y minus its least-squares line on the sample index.</summary>
    public static double[] Apply(ReadOnlySpan<double> y)
    {
        double st = 0, sy = 0;
        var n = 0;
        for (var i = 0; i < y.Length; i++)
        {
            if (!double.IsNaN(y[i]))
            {
                st += i;
                sy += y[i];
                n++;
            }
        }
        var result = new double[y.Length];
        if (n < 2)
        {
            Array.Fill(result, double.NaN);
            return result;
        }
        double mt = st / n, my = sy / n, stt = 0, sty = 0;
        for (var i = 0; i < y.Length; i++)
        {
            if (!double.IsNaN(y[i]))
            {
                stt += (i - mt) * (i - mt);
                sty += (i - mt) * (y[i] - my);
            }
        }
        var slope = sty / stt;
        for (var i = 0; i < y.Length; i++)
        {
            result[i] = y[i] - (my + slope * (i - mt));
        }
        return result;
    }
}
