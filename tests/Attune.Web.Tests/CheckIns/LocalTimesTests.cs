using Attune.Web.Features.CheckIns;

namespace Attune.Web.Tests.CheckIns;

/// <summary>Local days and times of check-ins around daylight-saving changes and in unusual offsets.</summary>
public sealed class LocalTimesTests
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Theory]
    // Berlin springs forward at 01:00 UTC on 29 March 2026 (02:00 → 03:00 local).
    [InlineData("Europe/Berlin", "2026-03-29T00:59", "2026-03-29", 1 * 60 + 59)]
    [InlineData("Europe/Berlin", "2026-03-29T01:00", "2026-03-29", 3 * 60)]
    // Berlin falls back at 01:00 UTC on 25 October 2026 (03:00 → 02:00 local): 02:30 happens twice.
    [InlineData("Europe/Berlin", "2026-10-25T00:30", "2026-10-25", 2 * 60 + 30)]
    [InlineData("Europe/Berlin", "2026-10-25T01:30", "2026-10-25", 2 * 60 + 30)]
    // New York: late evening UTC is still the previous day.
    [InlineData("America/New_York", "2026-11-01T03:30", "2026-10-31", 23 * 60 + 30)]
    [InlineData("America/New_York", "2026-11-01T06:30", "2026-11-01", 1 * 60 + 30)]
    // UTC+14 is a day ahead of UTC−12 at the same instant (two dates apart at noon UTC... one day plus two hours).
    [InlineData("Pacific/Kiritimati", "2026-12-31T10:30", "2027-01-01", 30)]
    [InlineData("Etc/GMT+12", "2026-12-31T10:30", "2026-12-30", 22 * 60 + 30)]
    // Kathmandu is +05:45.
    [InlineData("Asia/Kathmandu", "2026-06-01T18:14", "2026-06-01", 23 * 60 + 59)]
    [InlineData("Asia/Kathmandu", "2026-06-01T18:15", "2026-06-02", 0)]
    public void Of_buckets_an_instant_into_the_local_day_and_minute(string zone, string utc, string date, int minute)
    {
        var (localDate, localMinute) = LocalTimes.Of(DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), zone);

        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), localDate);
        Assert.Equal(minute, localMinute);
    }

    [Fact]
    public void ToUtc_reads_a_time_in_the_spring_gap_as_just_after_the_jump()
    {
        // 02:30 does not exist in Berlin on 29 March 2026; read with the winter offset (+1) it is 01:30 UTC = 03:30 local.
        Assert.Equal(Utc(2026, 3, 29, 1, 30), LocalTimes.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0), "Europe/Berlin"));
    }

    [Fact]
    public void ToUtc_reads_a_repeated_autumn_time_as_its_first_occurrence()
    {
        // 02:30 happens at 00:30 UTC (summer time) and again at 01:30 UTC; the first is chosen.
        Assert.Equal(Utc(2026, 10, 25, 0, 30), LocalTimes.ToUtc(new DateTime(2026, 10, 25, 2, 30, 0), "Europe/Berlin"));
    }

    [Theory]
    [InlineData("Asia/Kathmandu", 2026, 6, 1, 23, 59, 2026, 6, 1, 18, 14)]
    [InlineData("Pacific/Kiritimati", 2027, 1, 1, 0, 30, 2026, 12, 31, 10, 30)]
    [InlineData("America/New_York", 2026, 3, 8, 12, 0, 2026, 3, 8, 16, 0)]
    public void ToUtc_and_Of_agree_on_ordinary_times(string zone, int y, int mo, int d, int h, int mi, int uy, int umo, int ud, int uh, int umi)
    {
        var utc = LocalTimes.ToUtc(new DateTime(y, mo, d, h, mi, 0), zone);

        Assert.Equal(Utc(uy, umo, ud, uh, umi), utc);
        Assert.Equal((new DateOnly(y, mo, d), h * 60 + mi), LocalTimes.Of(utc, zone));
    }

    [Fact]
    public void An_unknown_zone_falls_back_to_UTC_rather_than_failing()
    {
        Assert.Equal((new DateOnly(2026, 1, 1), 60), LocalTimes.Of(Utc(2026, 1, 1, 1, 0), "Nowhere/Special"));
    }
}
