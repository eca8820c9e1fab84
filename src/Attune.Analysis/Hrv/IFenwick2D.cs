namespace Attune.Analysis.Hrv;

/// <summary>Weights on a fixed set of points with integer ranks (b, c), and box sums over them.</summary>
internal interface IFenwick2D
{
    /// <summary>Adds <paramref name="weight"/> (may be negative) to point <paramref name="point"/>.</summary>
    void Add(int point, int weight);

    /// <summary>Sum of the weights of the points with b in [b0, b1] and c in [c0, c1].</summary>
    int BoxSum(int b0, int b1, int c0, int c1);
}
