using System.Text.Json.Serialization;

namespace Attune.Web.Features.CheckIns.Insights;

/// <summary>
/// What a person's own check-ins from <c>from</c> to <c>to</c> (local dates, inclusive) say. Each check-in counts
/// once, for the state chosen first; a blend's second state is not counted, so the three states add up to the total.
/// </summary>
/// <param name="From">First local date of the period.</param>
/// <param name="To">Last local date of the period.</param>
/// <param name="CheckIns">Check-ins in the period.</param>
/// <param name="States">Check-ins per state over the whole period.</param>
/// <param name="Timeline">Every day, ISO week and month of the period, empty ones included; the days with their
/// dominant states are the calendar.</param>
/// <param name="Rhythm">Weekday × time of day, in four-hour bands.</param>
/// <param name="Words">The most-used words per state.</param>
/// <param name="Body">Where in the body each state was felt.</param>
/// <param name="Associations">Context tags (who, where, doing) against states.</param>
/// <param name="Granularity">How many different words, and how evenly, week by week.</param>
public sealed record InsightsDto(
    DateOnly From,
    DateOnly To,
    int CheckIns,
    StateCountsDto States,
    TimelineDto Timeline,
    RhythmDto Rhythm,
    StateWordsDto[] Words,
    StateBodyDto[] Body,
    AssociationsDto Associations,
    GranularityDto Granularity);

/// <summary>Check-ins per nervous-system state.</summary>
public sealed record StateCountsDto(int Connected, int Activated, int ShutDown);

/// <summary>The timeline three ways. Each is a set of parallel arrays (one entry per bucket), which a chart reads as
/// it is and which stays small for a ten-year period.</summary>
public sealed record TimelineDto(TimelineSeriesDto Days, TimelineSeriesDto Weeks, TimelineSeriesDto Months);

/// <summary>
/// Every day, ISO week (Monday to Sunday) or calendar month of the period, empty ones included, as parallel arrays:
/// entry i of each array describes bucket i. Means are rounded to 0.001 and null when no check-in of the bucket
/// has what they average.
/// </summary>
/// <param name="Labels">"2026-03-04", "2026-W10" (ISO year and week) or "2026-03".</param>
/// <param name="Starts">First day of each bucket (may lie before the period for the first week or month).</param>
/// <param name="Ends">Last day of each bucket.</param>
/// <param name="CheckIns">Check-ins in the bucket and the period.</param>
/// <param name="Connected">Of which connected.</param>
/// <param name="Activated">Of which activated.</param>
/// <param name="ShutDown">Of which shut down.</param>
/// <param name="DominantStates">The state of most of them: connected, activated, shutDown; mixed on a tie; null when empty.</param>
/// <param name="MeanIntensity0To10">Mean intensity of the state, 0 to 10.</param>
/// <param name="CheckInsWithRatedWords">Check-ins with at least one word that has a place on pleasantness and energy.</param>
/// <param name="MeanPleasantnessMinus5To5">Mean over those check-ins of the mean pleasantness of their words, −5 to +5.</param>
/// <param name="MeanEnergyMinus5To5">The same for energy, −5 to +5.</param>
public sealed record TimelineSeriesDto(
    string[] Labels,
    DateOnly[] Starts,
    DateOnly[] Ends,
    int[] CheckIns,
    int[] Connected,
    int[] Activated,
    int[] ShutDown,
    string?[] DominantStates,
    double?[] MeanIntensity0To10,
    int[] CheckInsWithRatedWords,
    double?[] MeanPleasantnessMinus5To5,
    double?[] MeanEnergyMinus5To5)
{
    [JsonIgnore]
    public int Count => Labels.Length;

    /// <summary>Bucket <paramref name="i"/> as one record, for pages and tests (not part of the wire format).</summary>
    public TimelineBucketDto this[int i] => new(
        Labels[i], Starts[i], Ends[i], CheckIns[i], new StateCountsDto(Connected[i], Activated[i], ShutDown[i]), DominantStates[i],
        MeanIntensity0To10[i], CheckInsWithRatedWords[i], MeanPleasantnessMinus5To5[i], MeanEnergyMinus5To5[i]);

    public TimelineBucketDto[] ToBuckets() => [.. Enumerable.Range(0, Count).Select(i => this[i])];
}

/// <summary>One bucket of a <see cref="TimelineSeriesDto"/> as a record (see there for the fields).</summary>
public sealed record TimelineBucketDto(
    string Label,
    DateOnly Start,
    DateOnly End,
    int CheckIns,
    StateCountsDto States,
    string? DominantState,
    double? MeanIntensity0To10,
    int CheckInsWithRatedWords,
    double? MeanPleasantnessMinus5To5,
    double? MeanEnergyMinus5To5);

/// <summary>Check-ins by weekday and time of day (local), in bands of <paramref name="BandHours"/> hours.</summary>
/// <param name="BandHours">Width of a time-of-day band: 4 (00–04, 04–08, … 20–24).</param>
/// <param name="Cells">7 weekdays × 6 bands, Monday first, in weekday then band order.</param>
public sealed record RhythmDto(int BandHours, RhythmCellDto[] Cells);

/// <param name="IsoWeekday">1 (Monday) to 7 (Sunday).</param>
/// <param name="StartHour">First hour of the band, 0 to 20.</param>
/// <param name="CheckIns">Check-ins in the cell.</param>
/// <param name="States">Of which, per state.</param>
public sealed record RhythmCellDto(int IsoWeekday, int StartHour, int CheckIns, StateCountsDto States);

/// <param name="State">connected, activated or shutDown.</param>
/// <param name="CheckIns">Check-ins in this state.</param>
/// <param name="Top">Up to 10 words, most used first (ties by name); each counts once per check-in.</param>
public sealed record StateWordsDto(string State, int CheckIns, WordCountDto[] Top);

/// <param name="Id">The word's id (Attune's slug, or "my-…" for a person's own word).</param>
/// <param name="Name">The word, or "a word since removed".</param>
/// <param name="CheckIns">Check-ins in the state naming it.</param>
public sealed record WordCountDto(string Id, string Name, int CheckIns);

/// <summary>The aggregated body map of one state.</summary>
/// <param name="State">connected, activated or shutDown.</param>
/// <param name="CheckIns">Check-ins in this state.</param>
/// <param name="CheckInsWithBody">Of which, those that marked anything on the body.</param>
/// <param name="Regions">Regions marked at least once, most often first.</param>
public sealed record StateBodyDto(string State, int CheckIns, int CheckInsWithBody, BodyRegionCountDto[] Regions);

/// <param name="Region">Region id of the body map.</param>
/// <param name="Name">Its name.</param>
/// <param name="CheckIns">Check-ins in the state marking this region (with any sensation).</param>
/// <param name="Sensations">Sensations felt there, most often first.</param>
public sealed record BodyRegionCountDto(string Region, string Name, int CheckIns, BodySensationCountDto[] Sensations);

public sealed record BodySensationCountDto(string Sensation, string Name, int CheckIns);

/// <summary>
/// Every who/where/doing tag used in the period against every state, as 2 × 2 counts with estimates once both
/// groups (with and without the tag) hold at least the minimum. Descriptive only: check-ins of one person are not
/// independent, so the intervals are if anything too narrow, and an association is not a cause.
/// </summary>
/// <param name="MinimumWithTag">Fewest check-ins with the tag for an estimate.</param>
/// <param name="MinimumWithoutTag">Fewest check-ins without it.</param>
/// <param name="Confidence">Two-sided level of every interval, 0.95.</param>
/// <param name="Tags">Tags by category (who, where, doing), most used first.</param>
public sealed record AssociationsDto(int MinimumWithTag, int MinimumWithoutTag, double Confidence, TagAssociationDto[] Tags);

/// <param name="Category">who, where or doing.</param>
/// <param name="Tag">The stored tag: a built-in id ("colleagues") or a person's own text.</param>
/// <param name="Name">How to say it ("colleagues", "at work").</param>
/// <param name="WithTag">n₁: check-ins with the tag.</param>
/// <param name="WithoutTag">n₀: check-ins without it.</param>
/// <param name="States">One entry per state.</param>
public sealed record TagAssociationDto(string Category, string Tag, string Name, int WithTag, int WithoutTag, StateAssociationDto[] States);

/// <param name="State">connected, activated or shutDown.</param>
/// <param name="StateWithTag">a: check-ins with the tag in this state.</param>
/// <param name="StateWithoutTag">c: check-ins without the tag in this state.</param>
/// <param name="StateGivenTag">a/n₁ with its Wilson interval, or null when there is no estimate.</param>
/// <param name="StateGivenNoTag">c/n₀ with its Wilson interval, or null.</param>
/// <param name="StateOverallFraction">(a + c)/N, or null.</param>
/// <param name="Lift">P(state | tag)/P(state) with an interval mapped from the risk ratio's, or null.</param>
/// <param name="RiskRatio">P(state | tag)/P(state | no tag) with the Katz log interval, or null.</param>
/// <param name="WhyNoEstimate">Set when the groups are too small for any estimate.</param>
/// <param name="WhyNoRatio">Set when the proportions exist but a ratio does not (the state never, with or without the tag).</param>
public sealed record StateAssociationDto(
    string State,
    int StateWithTag,
    int StateWithoutTag,
    ProportionDto? StateGivenTag,
    ProportionDto? StateGivenNoTag,
    double? StateOverallFraction,
    RatioDto? Lift,
    RatioDto? RiskRatio,
    NotComputableDto? WhyNoEstimate,
    NotComputableDto? WhyNoRatio);

/// <summary>A fraction of check-ins with its 95 % Wilson interval (fractions in [0, 1]).</summary>
public sealed record ProportionDto(int Successes, int Trials, double Fraction, double LowerFraction, double UpperFraction);

/// <summary>A ratio (1 = no difference) with its 95 % interval.</summary>
public sealed record RatioDto(double Estimate, double Lower, double Upper);

/// <summary>
/// Why a statistic is missing: <paramref name="Reason"/> (tooFewWithTag, tooFewWithoutTag, stateNeverWithTag,
/// stateNeverWithoutTag, tooFewWeeks, noVariation, tooFewObservations), with how many were needed and how many there were.
/// </summary>
public sealed record NotComputableDto(string Reason, int Required, int Available);

/// <param name="DistinctWords">Different words named in the whole period.</param>
/// <param name="WordMentions">Words named, each once per check-in.</param>
/// <param name="Weeks">ISO weeks with at least one check-in, in order.</param>
/// <param name="DistinctWordsTrend">Least-squares slope of distinct words per week, in words per week.</param>
/// <param name="EntropyTrend">Slope of word entropy, in bits per week.</param>
public sealed record GranularityDto(int DistinctWords, int WordMentions, GranularityWeekDto[] Weeks, TrendDto DistinctWordsTrend, TrendDto EntropyTrend);

/// <param name="WeekStart">The Monday that starts it.</param>
/// <param name="IsoYear">ISO week-numbering year.</param>
/// <param name="IsoWeek">ISO week, 1 to 53.</param>
/// <param name="CheckIns">Check-ins that week.</param>
/// <param name="WordMentions">Words named, each once per check-in.</param>
/// <param name="DistinctWords">Different words named.</param>
/// <param name="EntropyBits">Shannon entropy of the week's words, bits; null with no word.</param>
/// <param name="NormalizedEntropy">Entropy / log₂(distinct words), 0 to 1; null with fewer than 2 words.</param>
public sealed record GranularityWeekDto(
    DateOnly WeekStart,
    int IsoYear,
    int IsoWeek,
    int CheckIns,
    int WordMentions,
    int DistinctWords,
    double? EntropyBits,
    double? NormalizedEntropy);

/// <summary>A straight-line trend per week with its 95 % interval, or why there is none.</summary>
/// <param name="SlopePerWeek">Units per week (distinct words, or bits), null when not computable.</param>
/// <param name="LowerPerWeek">Lower limit of the slope.</param>
/// <param name="UpperPerWeek">Upper limit of the slope.</param>
/// <param name="Weeks">Weeks the line was fitted to.</param>
/// <param name="WhyNot">Set when there is no trend.</param>
public sealed record TrendDto(double? SlopePerWeek, double? LowerPerWeek, double? UpperPerWeek, int Weeks, NotComputableDto? WhyNot);
