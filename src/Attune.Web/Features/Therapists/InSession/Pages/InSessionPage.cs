using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Therapists.InSession.Pages;

/// <summary>Words and figures the two in-session pages share.</summary>
public static class InSessionText
{
    public static string Num(double? v, string format) => v is { } x ? x.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "–";

    /// <summary>"Activated" from "activated"; a dash when not said.</summary>
    public static string State(string? name) => StateNames.Parse(name) is { } s ? StateNames.Label(s) : "not said";

    /// <summary>How a saved session ended, from the therapist's side or the client's.</summary>
    public static string Outcome(InSessionDto s, bool forTherapist) => (s.Outcome, s.RevokedAt) switch
    {
        (_, not null) when !forTherapist => "You stopped sharing this session. Only you can see it.",
        ("completed", _) => forTherapist ? $"The session with {s.Client} has ended." : "The session has ended. Thank you for sharing it.",
        ("revoked", _) => forTherapist ? $"{s.Client} stopped sharing this session." : "You stopped sharing this session. Only you can see it.",
        (null, _) => "Under way.",
        _ => "A connection dropped before the end, so this one is saved as incomplete.",
    };

    /// <summary>Both curves for the chart script: the therapist's and the client's, one value a second.</summary>
    public static string Curves(InSessionDto s) =>
        System.Text.Json.JsonSerializer.Serialize(new { therapist = s.TherapistCurve, client = s.ClientCurve });
}
