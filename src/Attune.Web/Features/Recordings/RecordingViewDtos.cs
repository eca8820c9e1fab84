namespace Attune.Web.Features.Recordings;

/// <summary>
/// Beats in a time range for an interactive chart: times in seconds from the recording's start, RR in ms (null for
/// heart-rate files) and heart rate in bpm. When the range holds more beats than asked for, each of up to
/// <c>points / 2</c> buckets keeps its lowest and highest beat, in time order (<c>bucketed</c>), so a short spike
/// survives; zooming in asks again for the narrower range at full detail.
/// </summary>
public sealed record SeriesDto(
    string Kind,
    double FromS,
    double ToS,
    double DurationS,
    DateTime? StartedAt,
    int BeatCount,
    bool Bucketed,
    double[] TimesS,
    double[]? RrMs,
    double[] HrBpm,
    CorrectedBeatsDto Corrected);

/// <summary>Beats in the range that artifact correction changed (at most a few thousand; <c>truncated</c> when more).</summary>
public sealed record CorrectedBeatsDto(double[] TimesS, double[] RrMs, bool Truncated);

/// <summary>
/// HRV of a chosen stretch beside the whole recording's. <c>label</c> says which stretch in words ("First 5
/// minutes", "Night, 00:00–06:00", "Calmest six hours", or the range).
/// </summary>
public sealed record WindowDto(
    double FromS,
    double ToS,
    string Label,
    int BeatCount,
    IReadOnlyList<MeasureDto> Measures,
    IReadOnlyList<NotComputableDto> NotComputable,
    IReadOnlyList<MeasureDto> Whole);

/// <summary>Time-domain HRV of one segment; measures are null when it holds fewer than three intervals.</summary>
public sealed record SegmentDto(double FromS, double ToS, int BeatCount, double? MeanHrBpm, double? SdnnMs, double? RmssdMs);

/// <summary>Consecutive segments of <c>lengthS</c> (a last, shorter one left out).</summary>
public sealed record SegmentsDto(double LengthS, IReadOnlyList<SegmentDto> Segments);

/// <summary>
/// A stretch of an ECG for drawing: every sample when it holds at most <c>points</c> of them, otherwise the lowest and
/// highest sample of each bucket (<c>decimated</c>). Beats are the R-peaks the analysis uses (detected, with the
/// owner's edits), <c>added</c> when put in by hand; <c>removedS</c> are detected beats removed by hand.
/// </summary>
public sealed record EcgWindowDto(
    double FromS,
    double ToS,
    double DurationS,
    double SampleRateHz,
    bool Decimated,
    double[] TimesS,
    float[] Values,
    IReadOnlyList<EcgBeatDto> Beats,
    double[] RemovedS,
    int Added,
    int Removed,
    bool CanEdit);

public sealed record EcgBeatDto(double TimeS, float Value, bool Added);

/// <summary>Add a beat near <c>timeS</c> (moved to the signal's highest point within 50 ms) or remove the beat nearest it.</summary>
public sealed record BeatEditRequest(string Action, double TimeS);

/// <summary>What an edit did: the beat's time, and the recording's hand edits now.</summary>
public sealed record BeatEditResultDto(string Action, double TimeS, int Added, int Removed);
