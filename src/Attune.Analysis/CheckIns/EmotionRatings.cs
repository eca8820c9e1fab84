namespace Attune.Analysis.CheckIns;

/// <summary>
/// Intensity ratings of several emotions at repeated check-ins: a check-ins × emotions matrix, the
/// validated input of <see cref="IntraclassCorrelation"/> and <see cref="EmotionDifferentiation"/>.
/// NaN marks an emotion not rated at that check-in.
/// </summary>
public sealed class EmotionRatings
{
    private readonly double[] _values;

    private EmotionRatings(double[] values, int emotionCount)
    {
        _values = values;
        EmotionCount = emotionCount;
        CheckInCount = values.Length / emotionCount;
    }

    /// <summary>Rows: check-ins (occasions).</summary>
    public int CheckInCount { get; }

    /// <summary>Columns: emotions, at least 2.</summary>
    public int EmotionCount { get; }

    /// <summary>Rating of emotion <paramref name="emotion"/> at check-in <paramref name="checkIn"/> (NaN when not rated).</summary>
    public double this[int checkIn, int emotion]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(checkIn);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(checkIn, CheckInCount);
            ArgumentOutOfRangeException.ThrowIfNegative(emotion);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(emotion, EmotionCount);
            return _values[checkIn * EmotionCount + emotion];
        }
    }

    internal ReadOnlySpan<double> Values => _values;

    /// <summary>
    /// Copies a row-major matrix: check-in i's rating of emotion j at [i·<paramref name="emotionCount"/> + j],
    /// in any units (0–10 intensity, say) as long as all emotions share them.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a multiple of the emotion count, or a rating is infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 emotions.</exception>
    public static EmotionRatings Create(ReadOnlySpan<double> ratings, int emotionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(emotionCount, 2);
        if (ratings.Length % emotionCount != 0)
        {
            throw new ArgumentException($"{ratings.Length} ratings do not fill rows of {emotionCount} emotions.", nameof(ratings));
        }
        for (var i = 0; i < ratings.Length; i++)
        {
            if (double.IsInfinity(ratings[i]))
            {
                throw new ArgumentException($"Rating {i} is infinite.", nameof(ratings));
            }
        }
        return new EmotionRatings(ratings.ToArray(), emotionCount);
    }
}
