using System.Globalization;
using Attune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Insights.Recordings;

/// <summary>Small helpers the recording pages share: the viewer's time zone and friendly formatting.</summary>
public static class RecordingPages
{
    public static async Task<TimeZoneInfo> TimeZoneOfAsync(AttuneDb db, Guid userId, CancellationToken cancel)
    {
        var id = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(cancel);
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public static string When(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string Duration(double seconds) => seconds switch
    {
        >= 3600 => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds / 3600):0} h {Math.Floor(seconds % 3600 / 60):0} min"),
        >= 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(seconds / 60):0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
    };

    public static string KindLabel(string kind) => kind switch
    {
        "rr" => "Beat-to-beat (RR)",
        "heart-rate" => "Heart rate",
        _ => "ECG",
    };
}
