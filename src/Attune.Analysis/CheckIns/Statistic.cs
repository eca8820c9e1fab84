using System.Diagnostics.CodeAnalysis;

namespace Attune.Analysis.CheckIns;

/// <summary>
/// A check-in statistic: either its value or the <see cref="CheckIns.Shortfall"/> that kept it from
/// being computed. Too little data is an expected outcome here, returned rather than thrown, so a
/// page can show "not enough check-ins yet" next to the counts instead of a number.
/// </summary>
/// <typeparam name="T">The statistic's result type.</typeparam>
public sealed class Statistic<T> where T : class
{
    private Statistic(T? value, Shortfall? shortfall)
    {
        Value = value;
        Shortfall = shortfall;
    }

    /// <summary>The computed value; null exactly when <see cref="Shortfall"/> is set.</summary>
    public T? Value { get; }

    /// <summary>Why there is no value; null exactly when <see cref="Value"/> is set.</summary>
    public Shortfall? Shortfall { get; }

    /// <summary>True when the statistic was computed and <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Shortfall))]
    public bool IsComputed => Value is not null;

    /// <summary>A computed statistic.</summary>
    public static Statistic<T> Computed(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A statistic that could not be computed, and why.</summary>
    public static Statistic<T> NotComputable(Shortfall shortfall) =>
        new(null, shortfall ?? throw new ArgumentNullException(nameof(shortfall)));

    /// <summary>A statistic that could not be computed: <paramref name="available"/> where <paramref name="required"/> were needed.</summary>
    public static Statistic<T> NotComputable(ShortfallReason reason, int required, int available) =>
        new(null, new Shortfall(reason, required, available));
}
