namespace Attune.Analysis.Artifacts;

/// <summary>
/// One detection pass of <see cref="NeuroKitPeakCorrection"/>: NeuroKit2's <c>_find_artifacts</c> flow
/// over a peak sequence, with the constants of <see cref="LipponenTarvainen"/>. Indices are peak indices.
/// </summary>
internal static class NeuroKitArtifactScan
{
    internal sealed record Found(List<int> Ectopic, List<int> Missed, List<int> Extra, List<int> LongShort, double[] NormalisedDifferences)
    {
        public int Count => Ectopic.Count + Missed.Count + Extra.Count + LongShort.Count;

        /// <summary>A long/short beat whose period rose (long) rather than fell (short).</summary>
        public bool Rising(int k) => k >= 0 && k < NormalisedDifferences.Length && NormalisedDifferences[k] > 0;
    }

    public static Found Find(ReadOnlySpan<double> peaks, double fs)
    {
        var n = peaks.Length;
        var rr = new double[n];
        double sum = 0;
        for (var k = 1; k < n; k++)
        {
            rr[k] = (peaks[k] - peaks[k - 1]) / fs;
            sum += rr[k];
        }
        rr[0] = n > 1 ? sum / (n - 1) : 1.0;

        var d = new double[n];
        sum = 0;
        for (var k = 1; k < n; k++)
        {
            d[k] = rr[k] - rr[k - 1];
            sum += d[k];
        }
        d[0] = n > 1 ? sum / (n - 1) : 0;
        var th1 = Threshold(d);
        for (var k = 0; k < n; k++)
        {
            d[k] = th1[k] != 0 ? d[k] / th1[k] : double.NaN;
        }

        var s12 = new double[n];
        var s22 = new double[n];
        for (var k = 0; k < n; k++)
        {
            double prev = d[Reflect(k - 1, n)], next = d[Reflect(k + 1, n)], next2 = d[Reflect(k + 2, n)];
            if (d[k] > 0)
            {
                s12[k] = Math.Max(prev, next);
            }
            else if (d[k] < 0)
            {
                s12[k] = Math.Min(prev, next);
            }
            if (d[k] >= 0)
            {
                s22[k] = Math.Min(next, next2);
            }
            else if (d[k] < 0)
            {
                s22[k] = Math.Max(next, next2);
            }
        }

        var med = new double[n];
        var unused = new double[n];
        RollingQuantiles.Compute(rr, LipponenTarvainen.MedianWindow, 0.5, 0.5, med, unused);
        var mr = new double[n];
        for (var k = 0; k < n; k++)
        {
            var v = rr[k] - med[k];
            mr[k] = v < 0 ? 2 * v : v;
        }
        var th2 = Threshold(mr);
        for (var k = 0; k < n; k++)
        {
            mr[k] = th2[k] != 0 ? mr[k] / th2[k] : double.NaN;
        }

        List<int> ectopic = [], missed = [], extra = [], longShort = [];
        const double c1 = LipponenTarvainen.C1, c2 = LipponenTarvainen.C2;
        var i = 0;
        while (i < n - 2)
        {
            if (Math.Abs(d[i]) <= 1)
            {
                i++;
                continue;
            }
            var eq1 = d[i] > 1 && s12[i] < -c1 * d[i] - c2;
            var eq2 = d[i] < -1 && s12[i] > -c1 * d[i] + c2;
            if (eq1 || eq2)
            {
                ectopic.Add(i);
                i++;
                continue;
            }
            if (!(Math.Abs(d[i]) > 1 || Math.Abs(mr[i]) > 3))
            {
                i++;
                continue;
            }
            var candidates = Math.Abs(d[i + 1]) < Math.Abs(d[i + 2]) ? 2 : 1;
            var first = i;
            // NeuroKit2 advances the scan once per candidate tested, whatever its outcome.
            for (var c = 0; c < candidates; c++)
            {
                var j = first + c;
                var eq3 = d[j] > 1 && s22[j] < -1;
                var eq4 = Math.Abs(mr[j]) > 3;
                var eq5 = d[j] < -1 && s22[j] > 1;
                i++;
                if (!(eq3 || eq4 || eq5))
                {
                    continue;
                }
                var eq6 = Math.Abs(rr[j] / 2 - med[j]) < th2[j];
                var eq7 = Math.Abs(rr[j] + rr[j + 1] - med[j]) < th2[j];
                if (eq5 && eq7)
                {
                    extra.Add(j);
                }
                else if (eq3 && eq6)
                {
                    missed.Add(j);
                }
                else
                {
                    longShort.Add(j);
                }
            }
        }
        return new Found(ectopic, missed, extra, longShort, d);
    }

    private static double[] Threshold(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        var abs = new double[n];
        for (var k = 0; k < n; k++)
        {
            abs[k] = Math.Abs(x[k]);
        }
        var q1 = new double[n];
        var q3 = new double[n];
        RollingQuantiles.Compute(abs, LipponenTarvainen.ThresholdWindow, 0.25, 0.75, q1, q3);
        for (var k = 0; k < n; k++)
        {
            q1[k] = LipponenTarvainen.Alpha * ((q3[k] - q1[k]) / 2);
        }
        return q1;
    }

    private static int Reflect(int i, int n) => i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
}
