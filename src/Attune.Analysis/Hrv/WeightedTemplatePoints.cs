namespace Attune.Analysis.Hrv;

/// <summary>What a sweep over <see cref="WeightedTemplatePoints"/> does with the points entering, leaving and asking.</summary>
internal interface ITemplateWindow
{
    /// <summary>Adds (<paramref name="sign"/> = +1) or removes (−1) a point's weight.</summary>
    void Update(int point, int sign);

    /// <summary>Counts the weight around a point whose first rank is the current one.</summary>
    void Query(int point);
}

/// <summary>Distinct rank tuples of the templates, in lexicographic order, with their multiplicities.</summary>
internal sealed class WeightedTemplatePoints
{
    private WeightedTemplatePoints(int[][] coordinates, int[] weights, int[] groupOfTemplate, int[] firstPointOfRank)
    {
        Coordinates = coordinates;
        Weights = weights;
        GroupOfTemplate = groupOfTemplate;
        FirstPointOfRank = firstPointOfRank;
    }

    /// <summary>Coordinates[k][p] = rank of coordinate k of point p.</summary>
    public int[][] Coordinates { get; }

    public int[] Weights { get; }

    public int[] GroupOfTemplate { get; }

    /// <summary>Index of the first point whose first rank is at least u (length distinct values + 1).</summary>
    public int[] FirstPointOfRank { get; }

    public int Count => Weights.Length;

    public static WeightedTemplatePoints Build(int[] rank, int count, int d, int distinctValues)
    {
        // Least-significant coordinate first: stable counting sorts give lexicographic order.
        var order = new int[count];
        var next = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }
        var buckets = new int[distinctValues + 1];
        for (var k = d - 1; k >= 0; k--)
        {
            Array.Clear(buckets);
            for (var i = 0; i < count; i++)
            {
                buckets[rank[i + k] + 1]++;
            }
            for (var u = 0; u < distinctValues; u++)
            {
                buckets[u + 1] += buckets[u];
            }
            foreach (var i in order)
            {
                next[buckets[rank[i + k]]++] = i;
            }
            (order, next) = (next, order);
        }

        var groupOf = new int[count];
        var weights = new List<int>();
        var firstTemplate = new List<int>();
        for (var p = 0; p < count; p++)
        {
            var i = order[p];
            if (p > 0 && Same(rank, order[p - 1], i, d))
            {
                weights[^1]++;
            }
            else
            {
                weights.Add(1);
                firstTemplate.Add(i);
            }
            groupOf[i] = weights.Count - 1;
        }
        var points = weights.Count;
        var coordinates = new int[d][];
        for (var k = 0; k < d; k++)
        {
            var column = new int[points];
            for (var g = 0; g < points; g++)
            {
                column[g] = rank[firstTemplate[g] + k];
            }
            coordinates[k] = column;
        }
        var firstOfRank = new int[distinctValues + 1];
        var first = coordinates[0];
        for (int u = 0, p = 0; u <= distinctValues; u++)
        {
            while (p < points && first[p] < u)
            {
                p++;
            }
            firstOfRank[u] = p;
        }
        return new WeightedTemplatePoints(coordinates, [.. weights], groupOf, firstOfRank);
    }

    /// <summary>
    /// For each first rank u in increasing order, makes the window hold exactly the points whose
    /// first rank lies in [lo[u], hi[u]] (<see cref="ITemplateWindow.Update"/> with +1 or −1), then asks
    /// <see cref="ITemplateWindow.Query"/> for each point whose first rank is u. Both bounds only move
    /// forward, so each point enters and leaves at most once.
    /// </summary>
    public void SweepFirstCoordinate<TWindow>(int[] lo, int[] hi, ref TWindow window)
        where TWindow : struct, ITemplateWindow
    {
        var first = Coordinates[0];
        int inFrom = 0, inTo = 0;
        var p = 0;
        while (p < Count)
        {
            var u = first[p];
            var from = FirstPointOfRank[lo[u]];
            var to = FirstPointOfRank[hi[u] + 1];
            if (from >= inTo)
            {
                for (var q = inFrom; q < inTo; q++)
                {
                    window.Update(q, -1);
                }
                inFrom = inTo = from;
            }
            for (; inTo < to; inTo++)
            {
                window.Update(inTo, +1);
            }
            for (; inFrom < from; inFrom++)
            {
                window.Update(inFrom, -1);
            }
            var end = FirstPointOfRank[u + 1];
            for (; p < end; p++)
            {
                window.Query(p);
            }
        }
    }

    private static bool Same(int[] rank, int i, int j, int d)
    {
        for (var k = 0; k < d; k++)
        {
            if (rank[i + k] != rank[j + k])
            {
                return false;
            }
        }
        return true;
    }
}
