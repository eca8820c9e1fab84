using System.Globalization;

namespace Attune.Web.Features.CheckIns.Insights;

/// <summary>
/// Per-day sums of a period (counts per state, intensity, the per-check-in mean pleasantness and energy), from
/// which days, ISO weeks and months are read. Weeks and months are sums of days, so the rows are
/// visited once whatever the bucket.
/// </summary>
internal sealed class DayTotals(int days)
{
    /// <summary>Check-ins per day and state, at [day · 3 + state].</summary>
    public int[] States { get; } = new int[days * 3];

    public long[] Intensity { get; } = new long[days];

    /// <summary>Check-ins with at least one word placed on pleasantness and energy.</summary>
    public int[] Rated { get; } = new int[days];

    /// <summary>Sum over rated check-ins of the mean pleasantness of their words.</summary>
    public double[] Pleasantness { get; } = new double[days];

    public double[] Energy { get; } = new double[days];

    public int Days => Intensity.Length;

    public TimelineSeriesDto ByDay(DateOnly from)
    {
        var series = new SeriesBuilder(Days);
        for (var d = 0; d < Days; d++)
        {
            var date = from.AddDays(d);
            Bucket(series, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date, date, d, d + 1);
        }
        return series.Build();
    }

    public TimelineSeriesDto ByWeek(DateOnly from)
    {
        var series = new SeriesBuilder(Days / 7 + 2);
        var d = 0;
        while (d < Days)
        {
            var date = from.AddDays(d);
            var monday = date.AddDays(-(date.DayNumber % 7));
            var sunday = monday.AddDays(6);
            var end = Math.Min(Days, sunday.DayNumber - from.DayNumber + 1);
            var thursday = monday.AddDays(3);
            var week = (thursday.DayOfYear - 1) / 7 + 1;
            Bucket(series, string.Create(CultureInfo.InvariantCulture, $"{thursday.Year:D4}-W{week:D2}"), monday, sunday, d, end);
            d = end;
        }
        return series.Build();
    }

    public TimelineSeriesDto ByMonth(DateOnly from)
    {
        var series = new SeriesBuilder(Days / 28 + 2);
        var d = 0;
        while (d < Days)
        {
            var date = from.AddDays(d);
            var first = new DateOnly(date.Year, date.Month, 1);
            var last = first.AddMonths(1).AddDays(-1);
            var end = Math.Min(Days, last.DayNumber - from.DayNumber + 1);
            Bucket(series, first.ToString("yyyy-MM", CultureInfo.InvariantCulture), first, last, d, end);
            d = end;
        }
        return series.Build();
    }

    /// <summary>Sums days [<paramref name="start"/>, <paramref name="end"/>) of the period into one bucket.</summary>
    private void Bucket(SeriesBuilder series, string label, DateOnly first, DateOnly last, int start, int end)
    {
        Span<int> perState = stackalloc int[3];
        long intensity = 0;
        var rated = 0;
        double pleasantness = 0, energy = 0;
        for (var d = start; d < end; d++)
        {
            perState[0] += States[d * 3];
            perState[1] += States[d * 3 + 1];
            perState[2] += States[d * 3 + 2];
            intensity += Intensity[d];
            rated += Rated[d];
            pleasantness += Pleasantness[d];
            energy += Energy[d];
        }
        var count = perState[0] + perState[1] + perState[2];
        series.Labels.Add(label);
        series.Starts.Add(first);
        series.Ends.Add(last);
        series.CheckIns.Add(count);
        series.Connected.Add(perState[0]);
        series.Activated.Add(perState[1]);
        series.ShutDown.Add(perState[2]);
        series.Dominant.Add(count > 0 ? CheckInInsights.DominantState(perState) : null);
        series.Intensity.Add(count > 0 ? Round((double)intensity / count) : null);
        series.Rated.Add(rated);
        series.Pleasantness.Add(rated > 0 ? Round(pleasantness / rated) : null);
        series.Energy.Add(rated > 0 ? Round(energy / rated) : null);
    }

    private sealed class SeriesBuilder(int capacity)
    {
        public List<string> Labels { get; } = new(capacity);
        public List<DateOnly> Starts { get; } = new(capacity);
        public List<DateOnly> Ends { get; } = new(capacity);
        public List<int> CheckIns { get; } = new(capacity);
        public List<int> Connected { get; } = new(capacity);
        public List<int> Activated { get; } = new(capacity);
        public List<int> ShutDown { get; } = new(capacity);
        public List<string?> Dominant { get; } = new(capacity);
        public List<double?> Intensity { get; } = new(capacity);
        public List<int> Rated { get; } = new(capacity);
        public List<double?> Pleasantness { get; } = new(capacity);
        public List<double?> Energy { get; } = new(capacity);

        public TimelineSeriesDto Build() => new(
            [.. Labels], [.. Starts], [.. Ends], [.. CheckIns], [.. Connected], [.. Activated], [.. ShutDown],
            [.. Dominant], [.. Intensity], [.. Rated], [.. Pleasantness], [.. Energy]);
    }

    /// <summary>
    /// Means of whole-number ratings to 0.001: finer digits mean nothing on a −5 to +5 or 0 to 10 scale, and
    /// 3,650 days of 17-digit numbers would be a fifth of a ten-year response.
    /// </summary>
    private static double Round(double mean) => Math.Round(mean, 3, MidpointRounding.AwayFromZero);
}
