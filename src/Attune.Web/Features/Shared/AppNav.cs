namespace Attune.Web.Features.Shared;

/// <summary>One top-level area of the app, as shown in the tab bar and the sidebar.</summary>
public sealed record NavArea(string Href, string Label, string Icon);

/// <summary>The five areas, in the order the navigation shows them.</summary>
public static class AppNav
{
    public static IReadOnlyList<NavArea> Areas { get; } =
    [
        new("/checkin", "Check in", "checkin"),
        new("/practices", "Practices", "practices"),
        new("/together", "Together", "together"),
        new("/insights", "Insights", "insights"),
        new("/settings", "Settings", "settings"),
    ];

    /// <summary>True on the area's own page and on every page below it.</summary>
    public static bool IsCurrent(NavArea area, PathString path) =>
        path.StartsWithSegments(area.Href, StringComparison.OrdinalIgnoreCase);
}
