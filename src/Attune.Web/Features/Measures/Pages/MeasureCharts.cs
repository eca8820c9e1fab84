using System.Text.Json;

namespace Attune.Web.Features.Measures.Pages;

/// <summary>One point of a measure's history chart: its date label, total and reliable-change direction (or null).</summary>
public sealed record MeasurePoint(string Label, int Total, string? Change);

/// <summary>A measure's history for the chart: oldest first, with the axis range and which way is better.</summary>
public sealed record MeasureSeries(string Kind, string Name, int Max, bool HigherIsBetter, IReadOnlyList<MeasurePoint> Points);

/// <summary>The JSON the pages hand to client/src/measures.ts in a <c>application/json</c> block; the tables hold the same numbers.</summary>
public static class MeasureCharts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How many responses a chart shows at most: the newest ones.</summary>
    public const int MaxPoints = 60;

    public static MeasureSeries Series(MeasureForm form, IEnumerable<MeasureResultDto> newestFirst, string? zone) =>
        new(form.Slug, form.Name, form.Instrument.MaxTotal, form.Instrument.HigherIsBetter,
            [.. newestFirst.Take(MaxPoints).Reverse().Select(r => new MeasurePoint(
                MeasureText.Date(r.TakenAt, zone), r.Total, r.ReliableChange?.Direction is "improved" or "worsened" ? r.ReliableChange.Direction : null))]);

    public static string ToJson(IEnumerable<MeasureSeries> series) => JsonSerializer.Serialize(new { measures = series }, Json);
}
