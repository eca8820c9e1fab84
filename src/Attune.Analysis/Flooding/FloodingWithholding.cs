using Attune.Analysis.Rhythm;

namespace Attune.Analysis.Flooding;

/// <summary>Flooding events split by whether they can be read as arousal.</summary>
/// <param name="Kept">Events outside every irregular-rhythm stretch.</param>
/// <param name="Withheld">Events that share any time with an irregular-rhythm stretch: there a fast or
/// uneven heart rate need not mean arousal, so no flooding wording should be built on them.</param>
public sealed record FloodingSplit(IReadOnlyList<FloodingEvent> Kept, IReadOnlyList<FloodingEvent> Withheld);

/// <summary>Withholds flooding events that fall in stretches of irregular rhythm.</summary>
public static class FloodingWithholding
{
    /// <summary>
    /// Splits <paramref name="events"/> into those that overlap no stretch of
    /// <paramref name="rhythm"/> and those that overlap one (any shared time; stretches and events on the
    /// same time axis, that of the RR series both came from). Order is kept. With no irregular stretches
    /// every event is kept.
    /// </summary>
    public static FloodingSplit Split(IReadOnlyList<FloodingEvent> events, IrregularRhythmResult? rhythm)
    {
        ArgumentNullException.ThrowIfNull(events);
        var stretches = rhythm?.Stretches ?? [];
        var kept = new List<FloodingEvent>(events.Count);
        var withheld = new List<FloodingEvent>();
        foreach (var e in events)
        {
            var overlaps = false;
            foreach (var s in stretches)
            {
                if (s.Overlaps(e.StartS, e.EndS))
                {
                    overlaps = true;
                    break;
                }
            }
            (overlaps ? withheld : kept).Add(e);
        }
        return new FloodingSplit(kept, withheld);
    }
}
