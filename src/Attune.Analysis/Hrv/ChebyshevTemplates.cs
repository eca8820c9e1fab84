using System.Numerics;
using System.Runtime.InteropServices;

namespace Attune.Analysis.Hrv;

/// <summary>
/// Embedding templates u[i] = (x[i], …, x[i+d−1]) grouped into distinct vectors, for counting pairs
/// within Chebyshev distance r without comparing all N² pairs. Matches are counted at once on the
/// first d − 1 coordinates and on all d, so SampEn and ApEn need one sort and one sweep for m and m + 1.
/// </summary>
/// <remarks>
/// Templates are sorted lexicographically and identical ones merged with a multiplicity (RR
/// intervals are quantised by the ECG or device clock, so many templates repeat). Matches are then
/// searched only among distinct templates whose first coordinate lies within r of the current one,
/// a contiguous window of the sorted order; the other coordinates are compared with SIMD. Every
/// comparison is the same IEEE operation as the definition (|a − b| ≤ r), and counts are integers,
/// so results equal the brute-force count exactly.
/// </remarks>
internal sealed class ChebyshevTemplates
{
    private readonly double[][] _coordinates;
    private readonly double[] _weights;
    private readonly int[] _groupOfTemplate;

    private ChebyshevTemplates(double[][] coordinates, double[] weights, int[] groupOfTemplate)
    {
        _coordinates = coordinates;
        _weights = weights;
        _groupOfTemplate = groupOfTemplate;
    }

    public int DistinctCount => _weights.Length;

    /// <summary>Builds templates i = 0..count−1 of dimension <paramref name="dimension"/> from x.</summary>
    public static ChebyshevTemplates Build(double[] x, int dimension, int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, new LexicographicComparer(x, dimension));

        var groupOf = new int[count];
        var firstOfGroup = new List<int>();
        var weights = new List<double>();
        for (var p = 0; p < count; p++)
        {
            var i = order[p];
            if (p > 0 && SameTemplate(x, order[p - 1], i, dimension))
            {
                weights[^1] += 1;
            }
            else
            {
                firstOfGroup.Add(i);
                weights.Add(1);
            }
            groupOf[i] = weights.Count - 1;
        }

        var distinct = weights.Count;
        var coordinates = new double[dimension][];
        for (var k = 0; k < dimension; k++)
        {
            var column = new double[distinct];
            for (var g = 0; g < distinct; g++)
            {
                column[g] = x[firstOfGroup[g] + k];
            }
            coordinates[k] = column;
        }
        return new ChebyshevTemplates(coordinates, [.. weights], groupOf);
    }

    /// <summary>
    /// Numbers of unordered pairs of template indices i &lt; j within distance r, on the first d − 1
    /// coordinates (<c>Prefix</c>) and on all d coordinates (<c>Full</c>).
    /// </summary>
    public (long Prefix, long Full) CountPairs(double r)
    {
        var first = _coordinates[0];
        var w = _weights;
        long prefix = 0, full = 0;
        var end = 0;
        for (var p = 0; p < w.Length; p++)
        {
            var wp = (long)w[p];
            var within = wp * (wp - 1) / 2;
            prefix += within;
            full += within;
            if (end < p + 1)
            {
                end = p + 1;
            }
            while (end < w.Length && first[end] - first[p] <= r)
            {
                end++;
            }
            var (sumPrefix, sumFull) = WeightInWindow(p, p + 1, end, r);
            prefix += wp * (long)sumPrefix;
            full += wp * (long)sumFull;
        }
        return (prefix, full);
    }

    /// <summary>
    /// For each template index i, the number of templates j (i itself included) within distance r on
    /// the first d − 1 coordinates (<c>Prefix</c>) and on all d coordinates (<c>Full</c>).
    /// </summary>
    public (int[] Prefix, int[] Full) CountNeighboursIncludingSelf(double r)
    {
        var first = _coordinates[0];
        var w = _weights;
        var groupPrefix = new double[w.Length];
        var groupFull = new double[w.Length];
        var end = 0;
        for (var p = 0; p < w.Length; p++)
        {
            if (end < p + 1)
            {
                end = p + 1;
            }
            while (end < w.Length && first[end] - first[p] <= r)
            {
                end++;
            }
            // Each matching pair (p, q > p) is visited once and credited to both sides.
            var (afterPrefix, afterFull) = WeightInWindow(p, p + 1, end, r, groupPrefix, groupFull);
            groupPrefix[p] += w[p] + afterPrefix;
            groupFull[p] += w[p] + afterFull;
        }
        var prefix = new int[_groupOfTemplate.Length];
        var full = new int[_groupOfTemplate.Length];
        for (var i = 0; i < prefix.Length; i++)
        {
            prefix[i] = (int)groupPrefix[_groupOfTemplate[i]];
            full[i] = (int)groupFull[_groupOfTemplate[i]];
        }
        return (prefix, full);
    }

    // Sums of weights of groups q in [from, to) within r of group p on coordinates 1..d−2 (Prefix) and
    // 1..d−1 (Full); coordinate 0 is within r because [from, to) is the first-coordinate window.
    // A NaN coordinate never matches, because every comparison with NaN is false.
    // When creditPrefix/creditFull are given, each matching q also receives p's weight there.
    private (double Prefix, double Full) WeightInWindow(int p, int from, int to, double r, double[]? creditPrefix = null, double[]? creditFull = null)
    {
        var credit = creditPrefix is not null && creditFull is not null;
        var wpVector = new Vector<double>(_weights[p]);
        var dims = _coordinates.Length;
        var last = _coordinates[dims - 1];
        var w = _weights;
        var width = Vector<double>.Count;
        var vr = new Vector<double>(r);
        var accPrefix = Vector<double>.Zero;
        var accFull = Vector<double>.Zero;
        var lastP = new Vector<double>(last[p]);
        var q = from;
        ref var weights = ref MemoryMarshal.GetArrayDataReference(w);
        ref var lastColumn = ref MemoryMarshal.GetArrayDataReference(last);
        for (; q + width <= to; q += width)
        {
            var mask = Vector<long>.AllBitsSet;
            for (var k = 1; k < dims - 1; k++)
            {
                var column = _coordinates[k];
                var values = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)q);
                mask &= Vector.LessThanOrEqual(Vector.Abs(values - new Vector<double>(column[p])), vr);
            }
            var wq = Vector.LoadUnsafe(ref weights, (nuint)q);
            accPrefix += Vector.ConditionalSelect(mask, wq, Vector<double>.Zero);
            var fullMask = mask & Vector.LessThanOrEqual(Vector.Abs(Vector.LoadUnsafe(ref lastColumn, (nuint)q) - lastP), vr);
            accFull += Vector.ConditionalSelect(fullMask, wq, Vector<double>.Zero);
            if (credit)
            {
                var targetPrefix = creditPrefix.AsSpan(q, width);
                (new Vector<double>(targetPrefix) + Vector.ConditionalSelect(mask, wpVector, Vector<double>.Zero)).CopyTo(targetPrefix);
                var targetFull = creditFull.AsSpan(q, width);
                (new Vector<double>(targetFull) + Vector.ConditionalSelect(fullMask, wpVector, Vector<double>.Zero)).CopyTo(targetFull);
            }
        }
        var sumPrefix = Vector.Sum(accPrefix);
        var sumFull = Vector.Sum(accFull);
        for (; q < to; q++)
        {
            var match = true;
            for (var k = 1; k < dims - 1 && match; k++)
            {
                var column = _coordinates[k];
                match = Math.Abs(column[q] - column[p]) <= r;
            }
            if (match)
            {
                sumPrefix += w[q];
                if (credit)
                {
                    creditPrefix![q] += w[p];
                }
                if (Math.Abs(last[q] - last[p]) <= r)
                {
                    sumFull += w[q];
                    if (credit)
                    {
                        creditFull![q] += w[p];
                    }
                }
            }
        }
        return (sumPrefix, sumFull);
    }

    private static bool SameTemplate(double[] x, int i, int j, int dimension)
    {
        for (var k = 0; k < dimension; k++)
        {
            if (x[i + k] != x[j + k])
            {
                return false;
            }
        }
        return true;
    }

    private sealed class LexicographicComparer(double[] x, int dimension) : IComparer<int>
    {
        public int Compare(int i, int j)
        {
            for (var k = 0; k < dimension; k++)
            {
                var c = x[i + k].CompareTo(x[j + k]);
                if (c != 0)
                {
                    return c;
                }
            }
            return i.CompareTo(j);
        }
    }
}
