namespace Attune.Analysis.Hrv;

/// <summary>
/// A two-dimensional Fenwick tree (Fenwick 1994) over every rank pair (b, c) in [0, n)², for points
/// with small rank ranges: add a weight to a point, or sum a box, in O(log² n), memory (n + 1)² counts.
/// </summary>
internal readonly struct DenseFenwick2D : IFenwick2D
{
    private readonly int _size;
    private readonly int[] _tree;
    private readonly int[] _b;
    private readonly int[] _c;

    /// <summary>An empty tree for points p with ranks (b[p], c[p]) in [0, size).</summary>
    public DenseFenwick2D(int[] b, int[] c, int size)
    {
        _size = size;
        _b = b;
        _c = c;
        _tree = new int[(size + 1) * (size + 1)];
    }

    /// <inheritdoc/>
    public void Add(int point, int weight)
    {
        var n = _size;
        var stride = n + 1;
        var c0 = _c[point] + 1;
        var tree = _tree;
        for (var k = _b[point] + 1; k <= n; k += k & -k)
        {
            var row = k * stride;
            for (var j = c0; j <= n; j += j & -j)
            {
                tree[row + j] += weight;
            }
        }
    }

    /// <inheritdoc/>
    public int BoxSum(int b0, int b1, int c0, int c1)
    {
        // Prefix(b1 + 1) − Prefix(b0), walking both paths until they meet.
        int up = b1 + 1, down = b0;
        var sum = 0;
        var stride = _size + 1;
        while (up != down)
        {
            if (up > down)
            {
                sum += RowSum(up * stride, c0, c1);
                up -= up & -up;
            }
            else
            {
                sum -= RowSum(down * stride, c0, c1);
                down -= down & -down;
            }
        }
        return sum;
    }

    private int RowSum(int row, int c0, int c1)
    {
        int up = c1 + 1, down = c0;
        var sum = 0;
        var tree = _tree;
        while (up != down)
        {
            if (up > down)
            {
                sum += tree[row + up];
                up -= up & -up;
            }
            else
            {
                sum -= tree[row + down];
                down -= down & -down;
            }
        }
        return sum;
    }
}
