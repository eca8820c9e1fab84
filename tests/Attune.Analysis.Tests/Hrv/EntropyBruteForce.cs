namespace Attune.Analysis.Tests.Hrv;

/// <summary>The definitions of SampEn and ApEn transcribed directly, O(N²): the reference for the fast counts.</summary>
internal static class EntropyBruteForce
{
    // Direct O(N²) transcription of Richman & Moorman (2000): templates i = 0..N−m−1 for both lengths.
    public static (long A, long B) SampEnCounts(double[] x, int m, double r)
    {
        var count = x.Length - m;
        long a = 0, b = 0;
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                var matchM = true;
                for (var k = 0; k < m && matchM; k++)
                {
                    matchM = Math.Abs(x[i + k] - x[j + k]) <= r;
                }
                if (!matchM)
                {
                    continue;
                }
                b++;
                if (Math.Abs(x[i + m] - x[j + m]) <= r)
                {
                    a++;
                }
            }
        }
        return (a, b);
    }

    // Direct O(N²) transcription of Pincus (1991), self-matches included.
    public static int[] NeighbourCounts(double[] x, int length, double r)
    {
        var n = x.Length - length + 1;
        var counts = new int[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var match = true;
                for (var k = 0; k < length && match; k++)
                {
                    match = Math.Abs(x[i + k] - x[j + k]) <= r;
                }
                if (match)
                {
                    counts[i]++;
                }
            }
        }
        return counts;
    }

    public static double Phi(double[] x, int length, double r)
    {
        var counts = NeighbourCounts(x, length, r);
        var n = counts.Length;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += Math.Log((double)counts[i] / n);
        }
        return sum / n;
    }
}
