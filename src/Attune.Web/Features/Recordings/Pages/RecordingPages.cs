using System.Globalization;

namespace Attune.Web.Features.Recordings.Pages;

/// <summary>Friendly formatting the recording pages share.</summary>
public static class RecordingPages
{
    public static string Duration(double seconds) => seconds switch
    {
        >= 3600 => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds / 3600):0} h {Math.Floor(seconds % 3600 / 60):0} min"),
        >= 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(seconds / 60):0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
    };

    /// <summary>Time since the recording began as a clock reads it, to the minute: "0:05", "13:45" (hours and minutes).</summary>
    public static string Clock(double seconds)
    {
        var minutes = (long)Math.Round(Math.Max(0, seconds) / 60);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}:{minutes % 60:00}");
    }

    /// <summary>A moment as time since the recording began, to the minute once past the first: "1 h 42 min", "12 min", "45 s".</summary>
    public static string Elapsed(double seconds)
    {
        seconds = Math.Max(0, seconds);
        if (seconds < 59.5)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s");
        }
        var minutes = (int)Math.Round(seconds / 60);
        return minutes >= 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60} min")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes} min");
    }

    public static string KindLabel(string kind) => kind switch
    {
        "rr" => "Beat-to-beat (RR)",
        "heart-rate" => "Heart rate",
        _ => "ECG",
    };
}
