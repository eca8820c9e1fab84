using Attune.Analysis.Series;

namespace Attune.Analysis.Artifacts;

/// <summary>Kinds of beat-detection artifacts and ectopic beats (Lipponen &amp; Tarvainen, 2019).</summary>
public enum ArtifactKind
{
    /// <summary>An ectopic (premature or late) beat: a short–long or long–short pair of intervals.
    /// Corrected by moving the beat to the midpoint of its neighbours.</summary>
    Ectopic,

    /// <summary>A beat the detector missed: an interval about twice the local median. Corrected by
    /// inserting a beat in its middle.</summary>
    Missed,

    /// <summary>A spurious beat: a short interval that, added to the next, gives about the local
    /// median. Corrected by deleting the beat, merging the two intervals.</summary>
    Extra,

    /// <summary>A long interval that is neither missed beat nor ectopic. Corrected by moving the beat
    /// that closes it to the midpoint of its neighbours.</summary>
    Long,

    /// <summary>A short interval that is neither extra beat nor ectopic. Corrected like
    /// <see cref="Long"/>.</summary>
    Short,

    /// <summary>An interval outside 200–3000 ms before classification: below 200 ms its closing beat
    /// is deleted (merged into the next interval); above 3000 ms it is dropped, leaving a gap.</summary>
    OutOfRange,
}

/// <summary>One detected artifact.</summary>
/// <param name="Index">Index in the pass's input <see cref="Series.RrSeries.IntervalsMs"/> of the
/// interval concerned: for <see cref="ArtifactKind.Ectopic"/>, <see cref="ArtifactKind.Long"/> and
/// <see cref="ArtifactKind.Short"/> the interval closed by the beat that is moved; for
/// <see cref="ArtifactKind.Extra"/> the interval closed by the deleted beat; for
/// <see cref="ArtifactKind.Missed"/> the interval split in two.</param>
/// <param name="BeatTimeS">Beat time of that interval, s (stable across passes, unlike the index).</param>
/// <param name="Kind">What was found.</param>
/// <param name="Pass">1 for the first pass over the input; later passes index the previous pass's output.</param>
public readonly record struct Artifact(int Index, double BeatTimeS, ArtifactKind Kind, int Pass);

/// <summary>How many artifacts of each kind were corrected.</summary>
/// <param name="Ectopic">Ectopic beats moved.</param>
/// <param name="Missed">Beats inserted.</param>
/// <param name="Extra">Beats deleted.</param>
/// <param name="Long">Long intervals corrected.</param>
/// <param name="Short">Short intervals corrected.</param>
/// <param name="OutOfRange">Intervals outside 200–3000 ms merged or dropped.</param>
public readonly record struct ArtifactCounts(int Ectopic, int Missed, int Extra, int Long, int Short, int OutOfRange)
{
    /// <summary>All corrections together.</summary>
    public int Total => Ectopic + Missed + Extra + Long + Short + OutOfRange;
}

/// <summary>The outcome of artifact correction.</summary>
/// <param name="Corrected">The corrected series (gaps of the input are kept; dropped intervals add gaps).</param>
/// <param name="Counts">Corrections per kind, summed over passes.</param>
/// <param name="Artifacts">Every artifact corrected, in pass then index order.</param>
/// <param name="Passes">Correction passes applied (0 when nothing was found).</param>
public sealed record ArtifactCorrection(RrSeries Corrected, ArtifactCounts Counts, IReadOnlyList<Artifact> Artifacts, int Passes);
