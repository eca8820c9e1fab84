namespace Attune.Analysis.Rhythm;

/// <summary>One window of the recording, judged by the COSEn of its 12-beat segments.</summary>
/// <param name="StartS">Start, seconds on the series' time axis.</param>
/// <param name="EndS">End, seconds (the last window may be shorter than the others).</param>
/// <param name="Segments">Segments of consecutive adjacent beats that close in this window.</param>
/// <param name="IrregularSegments">Segments with COSEn above the threshold.</param>
/// <param name="Assessed">True when the window had enough segments to be judged.</param>
/// <param name="Irregular">True when judged and more than the set share of its segments were irregular.</param>
public sealed record RhythmWindow(double StartS, double EndS, int Segments, int IrregularSegments, bool Assessed, bool Irregular);

/// <summary>Consecutive irregular windows, merged.</summary>
/// <param name="StartS">Start of the first window, seconds.</param>
/// <param name="EndS">End of the last window, seconds.</param>
public sealed record IrregularStretch(double StartS, double EndS)
{
    /// <summary>EndS − StartS, seconds.</summary>
    public double DurationS => EndS - StartS;

    /// <summary>True when this stretch and [startS, endS] share any time.</summary>
    public bool Overlaps(double startS, double endS) => startS < EndS && endS > StartS;
}

/// <summary>
/// Where the heart rhythm looks irregular in a way for which HRV does not reflect vagal tone (frequent
/// ectopy, an atrial-fibrillation-like rhythm). A screening aid, never a diagnosis.
/// </summary>
/// <param name="Flagged">True when the irregular windows cover at least the flag share (default 10 %) of the judged time.</param>
/// <param name="AssessedWindows">Windows with enough beats to be judged.</param>
/// <param name="IrregularWindows">Judged windows found irregular.</param>
/// <param name="AssessedDurationS">Total length of the judged windows, seconds.</param>
/// <param name="IrregularDurationS">Total length of the irregular windows, seconds.</param>
/// <param name="Windows">Every window, in time order.</param>
/// <param name="Stretches">Consecutive irregular windows merged, in time order.</param>
public sealed record IrregularRhythmResult(
    bool Flagged,
    int AssessedWindows,
    int IrregularWindows,
    double AssessedDurationS,
    double IrregularDurationS,
    IReadOnlyList<RhythmWindow> Windows,
    IReadOnlyList<IrregularStretch> Stretches)
{
    /// <summary>Share of the judged time that was irregular, 0–1; NaN when nothing could be judged.</summary>
    public double IrregularFraction => AssessedDurationS > 0 ? IrregularDurationS / AssessedDurationS : double.NaN;

    /// <summary>
    /// A plain statement for people, or null when the recording is not flagged. Says what was seen and
    /// what it means for the numbers, never what a person "has".
    /// </summary>
    public string? Reading => Flagged ? IrregularRhythmDetector.ReadingFor(this) : null;
}
