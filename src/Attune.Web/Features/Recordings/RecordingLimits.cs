namespace Attune.Web.Features.Recordings;

/// <summary>
/// Limits no real person meets but that keep one account from exhausting a small server (section
/// <c>Recordings</c>): the longest recording, and the space one account's recordings may take.
/// </summary>
public sealed class RecordingLimits
{
    public const string Section = "Recordings";

    /// <summary>Beat-to-beat or heart-rate recordings up to this many days (a week of Holter data).</summary>
    public double MaxBeatDays { get; set; } = 7;

    /// <summary>ECG up to this many hours (two days of Holter ECG).</summary>
    public double MaxEcgHours { get; set; } = 48;

    /// <summary>Stored (compressed) recordings per account, MB.</summary>
    public long QuotaMb { get; set; } = 1024;

    public static RecordingLimits Default { get; } = new();
}
