namespace Attune.Analysis.Hrv;

/// <summary>
/// Exact per-template neighbour counts for SampEn and ApEn with m = 1 or 2, as orthogonal range
/// counting: O(N log² N) for the length-3 templates of m = 2 and O(N log N) below, whatever the
/// tolerance r and the spread of the data.
/// </summary>
/// <remarks>
/// <para>Template j matches template i at length d when |x[i+k] − x[j+k]| ≤ r for k = 0..d−1
/// (Chebyshev distance). For one coordinate, the values w with fl(|w − v|) ≤ r form a contiguous run
/// of the sorted distinct values around v, because rounding is monotone: if v − w already exceeds r,
/// so does v − w' for every w' &lt; w. So each distinct value u gets an interval [lo(u), hi(u)] of
/// value ranks, found with two pointers using the very comparison of the definition, and a match
/// becomes "every coordinate's rank lies in the query point's interval": counting points of a
/// d-dimensional integer grid in a box. Counts are integers and every comparison is the IEEE
/// |a − b| ≤ r of the definition, so they equal the O(N²) brute force exactly.</para>
/// <para>Identical templates (RR values are quantised by the recording clock) are merged into one
/// weighted point; the points are sorted by rank tuple with a stable counting sort per coordinate.
/// d = 1: prefix sums over value ranks. d = 2: points in order of their first rank, a window of
/// first ranks [lo(u), hi(u)] that only moves forward (lo and hi are non-decreasing), and a Fenwick
/// tree over the second rank holding the window's weights (Fenwick 1994): each point enters and
/// leaves once, each query is two prefix sums, O(N log N). d = 3: the same window, with a
/// two-dimensional Fenwick tree over (second rank, third rank) whose inner trees are compressed to
/// the third ranks that can occur in them (an offline "Fenwick tree of sorted lists"), so updates
/// and box queries cost O(log² N) and memory O(N log N).</para>
/// </remarks>
internal static class TemplateRangeCounts
{
    /// <summary>
    /// Up to this many distinct values the length-3 counts use a dense two-dimensional Fenwick tree
    /// (ranks², at most 16.8 MB of counts; RR at 1-ms resolution has under 2,000 distinct values), which
    /// is about five times faster than the compressed one used beyond.
    /// </summary>
    internal const int MaximumDenseRanks = 2048;

    /// <summary>True for the embedding dimensions this class handles (m = 1, 2).</summary>
    public static bool Supports(int dimension) => dimension is 1 or 2;

    /// <summary>
    /// Neighbour counts, self included, at length m for templates i = 0..N−m and at length m + 1 for
    /// i = 0..N−m−1; the second array has the same length as the first and its last entry is 1 (the
    /// last template has no continuation and matches only itself), as in
    /// <see cref="ApproximateEntropy.NeighbourCounts"/>.
    /// </summary>
    public static (int[] LengthM, int[] LengthM1) NeighbourCounts(double[] x, int dimension, double r, int maximumDenseRanks = MaximumDenseRanks)
    {
        if (!Supports(dimension))
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Range counting handles m = 1 and m = 2.");
        }
        var n = x.Length;
        var (rank, values) = Ranks(x);
        var (lo, hi) = ToleranceIntervals(values, r);
        var countsM = Counts(rank, n - dimension + 1, dimension, lo, hi, values.Length, maximumDenseRanks);
        var countsM1 = new int[n - dimension + 1];
        Counts(rank, n - dimension, dimension + 1, lo, hi, values.Length, maximumDenseRanks).CopyTo(countsM1, 0);
        countsM1[^1] = 1;
        return (countsM, countsM1);
    }

    // Dense rank of each value among the sorted distinct values (equal values share a rank).
    private static (int[] Rank, double[] Values) Ranks(double[] x)
    {
        var n = x.Length;
        var sorted = (double[])x.Clone();
        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            index[i] = i;
        }
        Array.Sort(sorted, index);
        var rank = new int[n];
        var distinct = 0;
        for (var p = 0; p < n; p++)
        {
            if (p > 0 && sorted[p] != sorted[p - 1])
            {
                distinct++;
            }
            sorted[distinct] = sorted[p];
            rank[index[p]] = distinct;
        }
        return (rank, sorted[..(distinct + 1)]);
    }

    // For each distinct value u, the ranks w with |values[w] − values[u]| ≤ r: [lo[u], hi[u]].
    private static (int[] Lo, int[] Hi) ToleranceIntervals(double[] values, double r)
    {
        var d = values.Length;
        var lo = new int[d];
        var hi = new int[d];
        int a = 0, b = 0;
        for (var u = 0; u < d; u++)
        {
            while (!(Math.Abs(values[a] - values[u]) <= r))
            {
                a++;
            }
            if (b < u)
            {
                b = u;
            }
            while (b + 1 < d && Math.Abs(values[b + 1] - values[u]) <= r)
            {
                b++;
            }
            lo[u] = a;
            hi[u] = b;
        }
        return (lo, hi);
    }

    // Counts for templates i = 0..count−1 of length d (self included).
    private static int[] Counts(int[] rank, int count, int d, int[] lo, int[] hi, int distinctValues, int maximumDenseRanks)
    {
        var points = WeightedTemplatePoints.Build(rank, count, d, distinctValues);
        var boxCounts = d switch
        {
            1 => CountOne(points, lo, hi, distinctValues),
            2 => CountTwo(points, lo, hi, distinctValues),
            _ => CountThree(points, lo, hi, distinctValues, maximumDenseRanks),
        };
        var result = new int[count];
        var group = points.GroupOfTemplate;
        for (var i = 0; i < count; i++)
        {
            result[i] = boxCounts[group[i]];
        }
        return result;
    }

    private static int[] CountOne(WeightedTemplatePoints points, int[] lo, int[] hi, int distinctValues)
    {
        var prefix = new int[distinctValues + 1];
        var first = points.Coordinates[0];
        for (var p = 0; p < points.Count; p++)
        {
            prefix[first[p] + 1] += points.Weights[p];
        }
        for (var u = 0; u < distinctValues; u++)
        {
            prefix[u + 1] += prefix[u];
        }
        var result = new int[points.Count];
        for (var p = 0; p < points.Count; p++)
        {
            var u = first[p];
            result[p] = prefix[hi[u] + 1] - prefix[lo[u]];
        }
        return result;
    }

    private static int[] CountTwo(WeightedTemplatePoints points, int[] lo, int[] hi, int distinctValues)
    {
        var window = new LineWindow(points.Coordinates[1], points.Weights, lo, hi, new int[distinctValues + 1], new int[points.Count]);
        points.SweepFirstCoordinate(lo, hi, ref window);
        return window.Result;
    }

    private static int[] CountThree(WeightedTemplatePoints points, int[] lo, int[] hi, int distinctValues, int maximumDenseRanks)
    {
        var second = points.Coordinates[1];
        var third = points.Coordinates[2];
        var result = new int[points.Count];
        if (distinctValues <= maximumDenseRanks)
        {
            var window = new PlaneWindow<DenseFenwick2D>(new DenseFenwick2D(second, third, distinctValues), points.Weights, second, third, lo, hi, result);
            points.SweepFirstCoordinate(lo, hi, ref window);
        }
        else
        {
            var window = new PlaneWindow<CompressedFenwick2D>(new CompressedFenwick2D(second, third, distinctValues), points.Weights, second, third, lo, hi, result);
            points.SweepFirstCoordinate(lo, hi, ref window);
        }
        return result;
    }

    // d = 2: a Fenwick tree over the second rank.
    private readonly struct LineWindow(int[] second, int[] weights, int[] lo, int[] hi, int[] tree, int[] result) : ITemplateWindow
    {
        public int[] Result => result;

        public void Update(int point, int sign)
        {
            var n = tree.Length - 1;
            var w = sign * weights[point];
            for (var k = second[point] + 1; k <= n; k += k & -k)
            {
                tree[k] += w;
            }
        }

        public void Query(int point)
        {
            var v = second[point];
            result[point] = Prefix(tree, hi[v] + 1) - Prefix(tree, lo[v]);
        }
    }

    // d = 3: a two-dimensional Fenwick tree over the second and third ranks.
    private readonly struct PlaneWindow<TTree>(TTree tree, int[] weights, int[] second, int[] third, int[] lo, int[] hi, int[] result) : ITemplateWindow
        where TTree : IFenwick2D
    {
        public void Update(int point, int sign) => tree.Add(point, sign * weights[point]);

        public void Query(int point)
        {
            int b = second[point], c = third[point];
            result[point] = tree.BoxSum(lo[b], hi[b], lo[c], hi[c]);
        }
    }

    private static int Prefix(int[] tree, int count)
    {
        var sum = 0;
        for (var k = count; k > 0; k -= k & -k)
        {
            sum += tree[k];
        }
        return sum;
    }
}
