namespace Attune.Web.Features.Recordings;

/// <summary>A recording's details. <c>SharedBy</c> names its owner when it is someone else's, shared with the caller.</summary>
public sealed record RecordingDto(
    Guid Id,
    string Name,
    string Kind,
    string OriginalFileName,
    DateTime? StartedAt,
    DateTime UploadedAt,
    double? SampleRateHz,
    double DurationSeconds,
    int PointCount,
    Guid OwnerId,
    string? SharedBy = null);

/// <summary>One HRV measure under its literature name (MeanNN, SDNN, RMSSD, …); null when not computable.</summary>
public sealed record MeasureDto(string Name, double? Value, string Unit);

public sealed record NotComputableDto(string Measure, string Reason);

/// <summary>Beats changed by artifact correction (Lipponen &amp; Tarvainen 2019), by kind.</summary>
public sealed record ArtifactsDto(int Ectopic, int Missed, int Extra, int Long, int Short, int OutOfRange, int Total, double CorrectedPercent);

/// <summary>A series thinned for drawing (min/max per bucket, so peaks survive); times in seconds from the first beat.</summary>
public sealed record ChartSeriesDto(double[] TimesS, double[] Values);

/// <summary>Poincaré descriptors and (a sample of at most a few thousand) successive RR pairs.</summary>
public sealed record PoincareDto(double Sd1Ms, double Sd2Ms, double[] RrNMs, double[] RrNextMs, int PairCount);

public sealed record SpectrumBandDto(string Name, double LowHz, double HighHz, double? PowerMs2);

/// <summary>Power spectral density of the corrected RR series, ms²/Hz, up to 0.5 Hz.</summary>
public sealed record SpectrumDto(string Method, double[] FrequenciesHz, double[] DensityMs2PerHz, IReadOnlyList<SpectrumBandDto> Bands);

/// <summary>Coherence over time (McCraty et al. 2009); the ratio is null where the window had no power outside the peak.</summary>
public sealed record CoherencePointDto(double TimeS, double? CoherenceRatio, double PeakFrequencyHz);

public sealed record FloodingEventDto(double StartS, double EndS, double DurationS, double PeakBpm, double PeakTimeS, double ThresholdBpm, bool EndedByData);

/// <summary>A stretch of irregular rhythm, seconds from the first beat.</summary>
public sealed record RhythmStretchDto(double StartS, double EndS);

/// <summary>
/// The irregular-rhythm screen (coefficient of sample entropy over 5-minute windows, docs/numerics/rhythm.md).
/// When <c>Flagged</c>, HRV and flooding cannot be read as calm or stress; <c>Reading</c> says so in plain words.
/// A screening aid, never a diagnosis.
/// </summary>
public sealed record RhythmDto(bool Flagged, double? IrregularPercent, int AssessedWindows, int IrregularWindows, IReadOnlyList<RhythmStretchDto> Stretches, string? Reading);

public sealed record RecordingAnalysisDto(
    Guid RecordingId,
    string Kind,
    int BeatCount,
    double DurationS,
    DateTime? StartedAt,
    IReadOnlyList<MeasureDto> Measures,
    IReadOnlyList<NotComputableDto> NotComputable,
    ArtifactsDto? Artifacts,
    ChartSeriesDto Tachogram,
    ChartSeriesDto HeartRate,
    PoincareDto? Poincare,
    SpectrumDto? Spectrum,
    IReadOnlyList<CoherencePointDto> Coherence,
    double FloodingThresholdBpm,
    IReadOnlyList<FloodingEventDto> Flooding,
    IReadOnlyList<string> Notes,
    double AnalysisMs)
{
    /// <summary>The irregular-rhythm screen; null when there were too few beats to run it (heart-rate files).</summary>
    public RhythmDto? Rhythm { get; init; }

    /// <summary>High heart-rate stretches inside irregular rhythm: a fast, uneven rate there need not mean arousal, so they are not called flooding.</summary>
    public IReadOnlyList<FloodingEventDto> FloodingWithheld { get; init; } = [];

    /// <summary>For ECG: beats its owner added or removed by hand (the analysis uses the edited beats); null for other kinds.</summary>
    public HandEditsDto? HandEdits { get; init; }

    public double? Measure(string name) => Measures.FirstOrDefault(m => m.Name == name)?.Value;
}

/// <summary>How many of an ECG's beats were added and removed by hand.</summary>
public sealed record HandEditsDto(int Added, int Removed);

public sealed record SynchronySummaryDto(
    double? MeanAbsR,
    double? MeanPeakR,
    double? MeanPeakLagS,
    double? ShareALeads,
    double? ShareBLeads,
    double? ShareInPhase,
    int WindowsWithPeak,
    int WindowsWithoutPeak,
    int WindowsSkipped);

/// <summary>
/// Lag × time heat map: <c>R[lag][column]</c> is the mean Pearson r of the windows in that column
/// (null where no window had enough data). Positive lag: A's heart rate leads B's.
/// </summary>
public sealed record SynchronyHeatmapDto(double[] LagsS, double[] ColumnTimesS, double?[][] R, double?[] PeakLagS);

public sealed record SynchronyDto(
    Guid RecordingA,
    Guid RecordingB,
    bool AlignedOnWallClock,
    double OverlapS,
    double WindowS,
    double MaxLagS,
    SynchronySummaryDto Summary,
    SynchronyHeatmapDto Heatmap,
    string PlainSummary)
{
    /// <summary>
    /// The surrogate test (segment-shuffled pairings, Moulder et al. 2018) behind <see cref="PlainSummary"/>:
    /// <c>outcome</c> moreThanChance | noMoreThanChance | notTested, <c>pValue</c>, <c>surrogates</c>.
    /// </summary>
    public ChanceDto? Chance { get; init; }
}

public sealed record ChanceDto(string Outcome, double? PValue, int Surrogates, double Level, string Sentence);

/// <summary>A first analysis still on its way: <c>status</c> queued (with <c>ahead</c> analyses before it) or running.</summary>
public sealed record AnalysisStatusDto(string Status, int Ahead, int AboutSeconds)
{
    public static AnalysisStatusDto From(AnalysisLookup.Pending pending) =>
        new(pending.State == AnalysisState.Running ? "running" : "queued", pending.Ahead, pending.AboutSeconds);
}
