using System.Globalization;
using Attune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Accounts;

/// <summary>The IANA zones people can pick, and showing stored UTC instants in a person's zone.</summary>
public static class TimeZones
{
    public const string Default = "UTC";

    /// <summary>UTC first, then region/city zones sorted; the legacy "Etc/GMT+5"-style ids would only confuse.</summary>
    public static IReadOnlyList<string> Choices { get; } =
    [
        Default,
        .. TimeZoneInfo.GetSystemTimeZones()
            .Select(z => z.Id)
            .Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The choices, with the person's current zone included even when it is not in the usual list.</summary>
    public static IReadOnlyList<string> ChoicesIncluding(string? current) =>
        string.IsNullOrEmpty(current) || Choices.Contains(current, StringComparer.Ordinal) || !Infrastructure.TextRules.IsKnownTimeZone(current)
            ? Choices
            : [.. Choices, current];

    /// <summary>The person's chosen zone id (null when there is no such person; <see cref="Format"/> then uses UTC).</summary>
    public static Task<string?> OfUserAsync(AttuneDb db, Guid userId, CancellationToken cancel = default) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(cancel);

    public static DateTime ToLocal(DateTime utc, string? zone)
    {
        var info = zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), info);
    }

    /// <summary>"22 Nov 2026, 14:05" in the person's zone.</summary>
    public static string Format(DateTime utc, string? zone) => FormatAs(utc, zone, "d MMM yyyy, HH:mm");

    /// <summary>The instant in the person's zone, with an invariant-culture format such as "dddd d MMMM".</summary>
    public static string FormatAs(DateTime utc, string? zone, string format) =>
        ToLocal(utc, zone).ToString(format, CultureInfo.InvariantCulture);
}
