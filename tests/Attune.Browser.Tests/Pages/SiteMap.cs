namespace Attune.Browser.Tests.Pages;

/// <summary>Who can see a page.</summary>
public enum Audience
{
    /// <summary>Signed-out visitors (sign-in, registration, recovery).</summary>
    Anonymous,

    /// <summary>Signed-in people only.</summary>
    SignedIn,

    /// <summary>Everyone (help, errors, development pages).</summary>
    Everyone,

    /// <summary>Therapists, about a client who consented (<see cref="SiteMap.Client"/>); scanned on the sample practice.</summary>
    Therapist,
}

/// <summary>
/// A Razor page route and the addresses that show its states. A visit may name the signed-in person's own
/// recordings with <see cref="SiteMap.Recording"/> and <see cref="SiteMap.PartnerRecording"/>; the scan seeds
/// them (a real two-person recording) and fills in their ids.
/// </summary>
public sealed record SitePage(string Route, Audience Audience, params string[] Visits)
{
    public override string ToString() => Route;
}

/// <summary>
/// Every Razor page of the app, maintained by hand so each can say how to reach it. A test compares it with
/// the app's endpoints, so a new page fails the build until it is listed here (and is then scanned).
/// Pages that need a journey's state (a pending two-factor sign-in, fresh recovery codes) redirect when
/// visited cold; the account journey tests scan them in that state.
/// </summary>
public static class SiteMap
{
    /// <summary>Stands for the id of a recording the signed-in person owns.</summary>
    public const string Recording = "{recording}";

    /// <summary>Stands for the id of a second recording they own, made at the same time as the first.</summary>
    public const string PartnerRecording = "{partner}";

    /// <summary>Stands for the id of a check-in of theirs, with words, body, context and a note.</summary>
    public const string CheckIn = "{checkin}";

    /// <summary>Stands for the id of a practice of their own, with a breathing rhythm.</summary>
    public const string Practice = "{practice}";

    /// <summary>Stands for the id of a therapist's client who shares every stream and has a partner who consented too.</summary>
    public const string Client = "{client}";

    public static readonly IReadOnlyList<SitePage> Pages =
    [
        new("/", Audience.SignedIn, ""),
        new("/checkin", Audience.SignedIn, "checkin"),
        new("/practices", Audience.SignedIn, "practices", "practices?state=activated", "practices?q=breath&group=activated", "practices?q=nothing-matches"),
        new("/practices/{id}", Audience.SignedIn, "practices/physiological-sigh", "practices/grounding-54321", $"practices/{Practice}"),
        new("/practices/{id}/play", Audience.SignedIn, "practices/box-breathing/play", "practices/self-compassion-break/play", $"practices/{Practice}/play"),
        new("/practices/new", Audience.SignedIn, "practices/new"),
        new("/practices/{id:guid}/edit", Audience.SignedIn, $"practices/{Practice}/edit"),
        new("/practices/resonance", Audience.SignedIn, "practices/resonance"),
        new("/together", Audience.SignedIn, "together"),
        new("/together/insights", Audience.SignedIn, "together/insights"),
        new("/together/hearts", Audience.SignedIn, "together/hearts", $"together/hearts?a={Recording}&b={PartnerRecording}"),
        // A repair needs two linked partners: TogetherJourneyTests scans it in the middle of one.
        new("/together/repair/{id:guid}", Audience.SignedIn),
        // A breathe-together session needs two linked partners: LiveTogetherJourneyTests scans it mid-breath.
        new("/together/live/{id:guid}", Audience.SignedIn),
        new("/insights", Audience.SignedIn, "insights"),
        new("/insights/checkins", Audience.SignedIn, "insights/checkins", "insights/checkins?period=4w&by=day", "insights/checkins?period=all"),
        new("/insights/recordings", Audience.SignedIn, "insights/recordings"),
        new("/measures", Audience.SignedIn, "measures"),
        new("/measures/{kind}", Audience.SignedIn, "measures/who5", "measures/phq9", "measures/gad7", "measures/csi4"),
        new("/measures/{kind}/result", Audience.SignedIn, "measures/phq9/result", "measures/csi4/result"),
        new("/integration", Audience.SignedIn, "integration"),
        new("/insights/recordings/{id:guid}", Audience.SignedIn, $"insights/recordings/{Recording}", $"insights/recordings/{Recording}?preset=first5"),
        new("/insights/recordings/{id:guid}/beats", Audience.SignedIn, $"insights/recordings/{Recording}/beats"),
        new("/insights/recordings/{id:guid}/delete", Audience.SignedIn, $"insights/recordings/{Recording}/delete"),
        new("/checkins", Audience.SignedIn, "checkins"),
        new("/checkins/{id:guid}", Audience.SignedIn, $"checkins/{CheckIn}", $"checkins/{CheckIn}?saved=true"),
        new("/checkins/{id:guid}/edit", Audience.SignedIn, $"checkins/{CheckIn}/edit"),
        new("/checkins/{id:guid}/delete", Audience.SignedIn, $"checkins/{CheckIn}/delete"),
        new("/checkins/words", Audience.SignedIn, "checkins/words"),
        new("/settings", Audience.SignedIn, "settings"),
        new("/settings/profile", Audience.SignedIn, "settings/profile"),
        new("/settings/email", Audience.SignedIn, "settings/email"),
        new("/settings/password", Audience.SignedIn, "settings/password"),
        new("/settings/two-factor", Audience.SignedIn, "settings/two-factor"),
        new("/settings/passkeys", Audience.SignedIn, "settings/passkeys"),
        new("/settings/sessions", Audience.SignedIn, "settings/sessions"),
        new("/settings/tokens", Audience.SignedIn, "settings/tokens"),
        new("/settings/delete", Audience.SignedIn, "settings/delete"),
        new("/settings/check-ins", Audience.SignedIn, "settings/check-ins"),
        new("/settings/sharing", Audience.SignedIn, "settings/sharing"),
        new("/settings/access-log", Audience.SignedIn, "settings/access-log"),
        new("/settings/therapist", Audience.SignedIn, "settings/therapist"),
        // Therapists only (everyone else gets 404): scanned as the sample practice's therapist.
        new("/therapist", Audience.Therapist, "therapist"),
        new("/therapist/clients/{id:guid}", Audience.Therapist, $"therapist/clients/{Client}", $"therapist/clients/{Client}?days=14"),
        new("/therapist/clients/{id:guid}/couple", Audience.Therapist, $"therapist/clients/{Client}/couple"),
        new("/therapist/clients/{id:guid}/report", Audience.Therapist, $"therapist/clients/{Client}/report", $"therapist/clients/{Client}/report?days=30"),
        // A live in-session view needs a therapist and a client who both joined: InSessionJourneyTests scans both sides mid-session.
        new("/therapist/clients/{id:guid}/live/{session:guid}", Audience.Therapist),
        new("/therapy/live/{id:guid}", Audience.SignedIn),
        new("/settings/data", Audience.SignedIn, "settings/data"),
        new("/settings/security-log", Audience.SignedIn, "settings/security-log"),
        // Administrators only (everyone else gets 404) and a one-time sign-in link: AdminJourneyTests scans them.
        new("/admin", Audience.SignedIn),
        new("/admin/audit", Audience.SignedIn),
        new("/admin/therapists", Audience.SignedIn),
        new("/account/link", Audience.Anonymous),
        new("/account/login", Audience.Anonymous, "account/login"),
        new("/account/demo", Audience.Anonymous, "account/demo"),
        new("/checkins/data", Audience.SignedIn, "checkins/data"),
        new("/account/register", Audience.Anonymous, "account/register"),
        new("/account/register-confirmation", Audience.Anonymous, "account/register-confirmation"),
        new("/account/confirm-email", Audience.Anonymous, "account/confirm-email?userId=x&code=x"),
        new("/account/confirm-email-change", Audience.Everyone, "account/confirm-email-change?userId=x&email=x&code=x"),
        new("/account/resend-confirmation", Audience.Anonymous, "account/resend-confirmation"),
        new("/account/forgot-password", Audience.Anonymous, "account/forgot-password"),
        new("/account/reset-password", Audience.Anonymous, "account/reset-password", "account/reset-password?email=a%40example.org&code=eA"),
        new("/account/login-2fa", Audience.Anonymous, "account/login-2fa"),
        new("/account/login-recovery", Audience.Anonymous, "account/login-recovery"),
        new("/account/logout", Audience.Everyone, "account/logout"),
        new("/help/crisis", Audience.Everyone, "help/crisis"),
        new("/errors/{code:int?}", Audience.Everyone, "errors/404", "errors/400", "errors/500", "no-such-page"),
        new("/dev/outbox", Audience.Everyone, "dev/outbox"),
        new("/dev/styleguide", Audience.Everyone, "dev/styleguide"),
    ];

    /// <summary>The visit with its placeholders replaced by real ids.</summary>
    public static string Resolve(string visit, Guid recording, Guid partnerRecording, Guid? checkIn = null, Guid? practice = null) =>
        visit.Replace(Recording, recording.ToString(), StringComparison.Ordinal)
            .Replace(Practice, (practice ?? Guid.Empty).ToString(), StringComparison.Ordinal)
            .Replace(PartnerRecording, partnerRecording.ToString(), StringComparison.Ordinal)
            .Replace(CheckIn, (checkIn ?? Guid.Empty).ToString(), StringComparison.Ordinal);

    /// <summary>The pages a signed-out visitor, or a signed-in person who is not a therapist, sees (therapists' pages are scanned apart).</summary>
    public static IEnumerable<SitePage> For(bool signedIn) =>
        Pages.Where(p => p.Audience == Audience.Everyone || p.Audience == (signedIn ? Audience.SignedIn : Audience.Anonymous));
}
