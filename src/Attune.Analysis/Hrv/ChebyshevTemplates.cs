using System.Numerics;
using System.Runtime.InteropServices;

namespace Attune.Analysis.Hrv;

/// <summary>
/// Embedding templates u[i] = (x[i], …, x[i+d−1]) grouped into distinct vectors, for counting pairs
/// within Chebyshev distance r without comparing all N² pairs.
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

    /// <summary>Number of unordered pairs of distinct template indices i &lt; j within distance r.</summary>
    public long CountPairs(double r)
    {
        var first = _coordinates[0];
        var w = _weights;
        long total = 0;
        var end = 0;
        for (var p = 0; p < w.Length; p++)
        {
            var wp = (long)w[p];
            total += wp * (wp - 1) / 2;
            if (end < p + 1)
            {
                end = p + 1;
            }
            while (end < w.Length && first[end] - first[p] <= r)
            {
                end++;
            }
            total += wp * (long)WeightInWindow(p, p + 1, end, r);
        }
        return total;
    }

    /// <summary>
    /// For each template index i, the number of templates j (including i itself) within distance r.
    /// </summary>
    public int[] CountNeighboursIncludingSelf(double r)
    {
        var first = _coordinates[0];
        var w = _weights;
        var perGroup = new double[w.Length];
        var end = 0;
        var start = 0;
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
            while (first[p] - first[start] > r)
            {
                start++;
            }
            perGroup[p] = w[p] + WeightInWindow(p, start, p, r) + WeightInWindow(p, p + 1, end, r);
        }
        var counts = new int[_groupOfTemplate.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = (int)perGroup[_groupOfTemplate[i]];
        }
        return counts;
    }

    // Sum of weights of groups q in [from, to) whose coordinates 1..d−1 lie within r of group p's
    // (coordinate 0 is known to be within r because [from, to) is the first-coordinate window).
    private double WeightInWindow(int p, int from, int to, double r)
    {
        var dims = _coordinates.Length;
        var w = _weights;
        var width = Vector<double>.Count;
        var vr = new Vector<double>(r);
        var acc = Vector<double>.Zero;
        var q = from;
        ref var weights = ref MemoryMarshal.GetArrayDataReference(w);
        for (; q + width <= to; q += width)
        {
            var mask = Vector<long>.AllBitsSet;
            for (var k = 1; k < dims; k++)
            {
                var column = _coordinates[k];
                var values = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)q);
                var distance = Vector.Abs(values - new Vector<double>(column[p]));
                mask &= Vector.LessThanOrEqual(distance, vr);
            }
            acc += Vector.ConditionalSelect(mask, Vector.LoadUnsafe(ref weights, (nuint)q), Vector<double>.Zero);
        }
        var sum = Vector.Sum(acc);
        for (; q < to; q++)
        {
            var match = true;
            for (var k = 1; k < dims && match; k++)
            {
                var column = _coordinates[k];
                match = Math.Abs(column[q] - column[p]) <= r;
            }
            if (match)
            {
                sum += w[q];
            }
        }
        return sum;
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
