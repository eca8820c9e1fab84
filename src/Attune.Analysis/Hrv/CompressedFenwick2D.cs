namespace Attune.Analysis.Hrv;

/// <summary>
/// A two-dimensional Fenwick tree over a fixed set of points (b, c) with integer ranks, whose weights
/// change: add a weight to a point, or sum the weights in a box [b0, b1] × [c0, c1], both in
/// O(log B · log C). Memory O(P log B) for P points, whatever the rank ranges.
/// </summary>
/// <remarks>
/// The outer tree is a Fenwick tree over b (Fenwick 1994). Outer node k covers the b-ranks
/// (k − lowbit(k), k]; instead of a dense inner tree over every c it holds an inner Fenwick tree
/// over only the distinct c-ranks of the points it covers, in sorted order (the offline
/// two-dimensional binary indexed tree). Each point's position in the inner trees on its update path
/// is found once, when the tree is built.
/// </remarks>
internal readonly struct CompressedFenwick2D : IFenwick2D
{
    private readonly int _outerSize;
    private readonly int[] _offset;
    private readonly int[] _keys;
    private readonly int[] _tree;
    private readonly int[] _position;
    private readonly int[] _pointB;
    private readonly int _levels;

    /// <summary>Builds an empty tree for points p with ranks (b[p], c[p]), b in [0, outerSize).</summary>
    public CompressedFenwick2D(int[] b, int[] c, int outerSize)
    {
        _outerSize = outerSize;
        _pointB = b;
        var points = b.Length;
        var levels = 1;
        while ((1 << (levels - 1)) < outerSize)
        {
            levels++;
        }
        _levels = levels;

        // Visit points in c order so that every node's key list comes out sorted.
        var maxC = 0;
        foreach (var v in c)
        {
            maxC = Math.Max(maxC, v);
        }
        var byC = new int[points];
        var start = new int[maxC + 2];
        foreach (var v in c)
        {
            start[v + 1]++;
        }
        for (var v = 0; v <= maxC; v++)
        {
            start[v + 1] += start[v];
        }
        for (var p = 0; p < points; p++)
        {
            byC[start[c[p]]++] = p;
        }

        var size = new int[outerSize + 1];
        var lastKey = new int[outerSize + 1];
        Array.Fill(lastKey, -1);
        foreach (var p in byC)
        {
            for (var k = b[p] + 1; k <= outerSize; k += k & -k)
            {
                if (lastKey[k] != c[p])
                {
                    lastKey[k] = c[p];
                    size[k]++;
                }
            }
        }
        _offset = new int[outerSize + 2];
        for (var k = 1; k <= outerSize; k++)
        {
            // One spare slot per node: inner trees are 1-based.
            _offset[k + 1] = _offset[k] + size[k] + 1;
        }
        var total = _offset[outerSize + 1];
        _keys = new int[total];
        _tree = new int[total];
        _position = new int[points * levels];
        Array.Clear(size);
        Array.Fill(lastKey, -1);
        foreach (var p in byC)
        {
            var level = 0;
            for (var k = b[p] + 1; k <= outerSize; k += k & -k, level++)
            {
                if (lastKey[k] != c[p])
                {
                    lastKey[k] = c[p];
                    size[k]++;
                    _keys[_offset[k] + size[k]] = c[p];
                }
                _position[p * levels + level] = size[k];
            }
        }
    }

    /// <inheritdoc/>
    public void Add(int point, int weight)
    {
        var level = 0;
        var tree = _tree;
        for (var k = _pointB[point] + 1; k <= _outerSize; k += k & -k, level++)
        {
            var offset = _offset[k];
            var n = _offset[k + 1] - offset - 1;
            for (var j = _position[point * _levels + level]; j <= n; j += j & -j)
            {
                tree[offset + j] += weight;
            }
        }
    }

    /// <inheritdoc/>
    public int BoxSum(int b0, int b1, int c0, int c1)
    {
        // Prefix(b1 + 1) − Prefix(b0): walk both paths until they meet.
        int up = b1 + 1, down = b0;
        var sum = 0;
        while (up != down)
        {
            if (up > down)
            {
                sum += NodeSum(up, c0, c1);
                up -= up & -up;
            }
            else
            {
                sum -= NodeSum(down, c0, c1);
                down -= down & -down;
            }
        }
        return sum;
    }

    // Sum of node k's inner tree over keys in [c0, c1].
    private int NodeSum(int k, int c0, int c1)
    {
        var offset = _offset[k];
        var keys = _keys.AsSpan(offset + 1, _offset[k + 1] - offset - 1);
        var below = LowerBound(keys, c0);
        var upTo = LowerBound(keys, c1 + 1);
        var sum = 0;
        var tree = _tree;
        while (upTo != below)
        {
            if (upTo > below)
            {
                sum += tree[offset + upTo];
                upTo -= upTo & -upTo;
            }
            else
            {
                sum -= tree[offset + below];
                below -= below & -below;
            }
        }
        return sum;
    }

    // Number of keys below value.
    private static int LowerBound(ReadOnlySpan<int> keys, int value)
    {
        int a = 0, b = keys.Length;
        while (a < b)
        {
            var mid = (a + b) >>> 1;
            if (keys[mid] < value)
            {
                a = mid + 1;
            }
            else
            {
                b = mid;
            }
        }
        return a;
    }
}
