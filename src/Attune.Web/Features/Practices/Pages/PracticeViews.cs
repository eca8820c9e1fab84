using System.Globalization;
using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Practices.Pages;

/// <summary>One of the one-tap checks (before or after) as the player form shows it.</summary>
public sealed record StateCheckView(string Prefix, string Heading, string Hint, string? State, int Intensity, string? StateError, string? IntensityError);

/// <summary>Small wordings the practice pages share.</summary>
public static class PracticeViews
{
    public static string Minutes(int minutes) => minutes == 1 ? "1 minute" : $"{minutes} minutes";

    public static string Seconds(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>"In 4 s, out 6 s: 6 breaths a minute".</summary>
    public static string Rhythm(BreathPattern b)
    {
        var parts = new List<string> { $"in {Seconds(b.Inhale)} s" };
        if (b.HoldIn > 0)
        {
            parts.Add($"hold {Seconds(b.HoldIn)} s");
        }
        parts.Add($"out {Seconds(b.Exhale)} s");
        if (b.HoldOut > 0)
        {
            parts.Add($"rest {Seconds(b.HoldOut)} s");
        }
        var text = string.Join(", ", parts);
        return char.ToUpperInvariant(text[0]) + text[1..] + $": {b.BreathsPerMinute.ToString("0.#", CultureInfo.InvariantCulture)} breaths a minute";
    }

    public static string StepLength(int? seconds) => seconds switch
    {
        null => "",
        < 60 => $"{seconds} s",
        _ when seconds % 60 == 0 => $"{seconds / 60} min",
        _ => $"{seconds / 60} min {seconds % 60} s",
    };

    public static string StateClass(NervousState state) => StateNames.Of(state).ToLowerInvariant();

    /// <summary>"Activated 7 of 10".</summary>
    public static string Check(StateCheckDto check) =>
        $"{StateNames.Label(StateNames.Parse(check.State) ?? NervousState.Connected)} {check.Intensity} of 10";

    public static string GroupClass(PracticeGroup group) => PracticeGroups.Name(group).ToLowerInvariant();
}
