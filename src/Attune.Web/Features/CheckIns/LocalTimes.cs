namespace Attune.Web.Features.CheckIns;

/// <summary>
/// Wall-clock times in a person's zone and the instants they mean. Most local times name exactly one
/// instant; around daylight-saving changes some name none (the hour the clocks skip) and some two (the
/// hour that repeats). Both cases get a sensible, stated answer instead of an exception.
/// </summary>
public static class LocalTimes
{
    public static TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The local calendar day and minute of the day of a UTC instant.</summary>
    public static (DateOnly Date, int Minute) Of(DateTime utc, string zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(zone));
        return (DateOnly.FromDateTime(local), local.Hour * 60 + local.Minute);
    }

    /// <summary>
    /// The UTC instant of a wall-clock time in <paramref name="zone"/>. A time inside a spring-forward gap
    /// (02:30 on a night that jumps from 02:00 to 03:00) is read with the offset from before the change, so it
    /// lands just after the jump (03:30), as a phone's clock would show it. A time in the repeated autumn hour is
    /// read as its first occurrence (still summer time).
    /// </summary>
    public static DateTime ToUtc(DateTime local, string zone)
    {
        var info = Zone(zone);
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (info.IsInvalidTime(wall))
        {
            var before = info.GetUtcOffset(wall.AddHours(-3));
            return DateTime.SpecifyKind(wall - before, DateTimeKind.Utc);
        }
        if (info.IsAmbiguousTime(wall))
        {
            var offsets = info.GetAmbiguousTimeOffsets(wall);
            var first = offsets.Max();
            return DateTime.SpecifyKind(wall - first, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(wall, info);
    }
}
