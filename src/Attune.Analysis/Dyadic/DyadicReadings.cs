namespace Attune.Analysis.Dyadic;

/// <summary>
/// Plain-language readings of the dyadic models: warm, descriptive of one recording, never diagnostic.
/// </summary>
/// <remarks>
/// A coefficient is described as a tendency only when it is clearly away from zero
/// (<see cref="ParameterEstimate.IsClear"/>, |t| ≥ 1.96); otherwise the text says no clear pull was
/// seen. "A" and "B" are placeholders the caller may replace with names.
/// </remarks>
public static class DyadicReadings
{
    private const string Closing = " This describes this recording only; rhythms change from day to day and moment to moment.";

    /// <summary>Reading of an inertia–coordination fit.</summary>
    public static string InertiaCoordination(InertiaCoordinationPartner personA, InertiaCoordinationPartner personB)
    {
        ArgumentNullException.ThrowIfNull(personA);
        ArgumentNullException.ThrowIfNull(personB);
        return Coordination("A", "B", personA.Coordination) + " " + Coordination("B", "A", personB.Coordination) + Closing;
    }

    /// <summary>Reading of a coupled-oscillator fit, built on the partner-damping terms ζ_cross.</summary>
    public static string CoupledOscillator(CoupledOscillatorPartner personA, CoupledOscillatorPartner personB)
    {
        ArgumentNullException.ThrowIfNull(personA);
        ArgumentNullException.ThrowIfNull(personB);
        var a = Direction(personA.PartnerDamping);
        var b = Direction(personB.PartnerDamping);
        string text;
        if (a < 0 && b < 0)
        {
            text = "You seemed to steady each other: when one of you swung up or down, the other's movement tended to ease you both back towards balance (co-regulation).";
        }
        else if (a > 0 && b > 0)
        {
            text = "Your swings seemed to feed each other: when one of you moved, the other's movement tended to carry you both further (co-dysregulation). That is common in lively or tense moments, and a shared pause can help you both settle.";
        }
        else if (a == 0 && b == 0)
        {
            text = "No clear pull either way this time: each of you kept your own rhythm.";
        }
        else
        {
            text = Single("A", "B", a) + " " + Single("B", "A", b);
        }
        return text + Closing;
    }

    private static int Direction(ParameterEstimate e) => !e.IsClear ? 0 : Math.Sign(e.Value);

    private static string Single(string self, string partner, int direction) => direction switch
    {
        < 0 => $"{partner}'s movement tended to ease {self}'s swings back towards balance.",
        > 0 => $"{partner}'s movement tended to make {self}'s swings a little larger.",
        _ => $"{self}'s swings went their own way, without a clear pull from {partner}.",
    };

    private static string Coordination(string self, string partner, ParameterEstimate coordination)
    {
        if (!coordination.IsClear)
        {
            return $"{self}'s heart rate followed its own course, without a clear link to {partner}'s a moment before.";
        }
        return coordination.Value > 0
            ? $"When {partner}'s heart rate rose, {self}'s tended to rise a moment later: {self} moved along with {partner}."
            : $"When {partner}'s heart rate rose, {self}'s tended to ease a moment later: {self} moved as a counterweight to {partner}.";
    }
}
