namespace Attune.Web.Features.Therapists.InSession;

/// <summary>
/// What a client agrees to, for one session, before their heart rate reaches their therapist live. Each change gets a new
/// version; every <see cref="InSessionRecord"/> records the version its client read, and their ledger shows it.
/// </summary>
public static class InSessionConsent
{
    public const int CurrentVersion = 1;

    public static IReadOnlyDictionary<int, IReadOnlyList<string>> Versions { get; } = new Dictionary<int, IReadOnlyList<string>>
    {
        [1] =
        [
            "For this session only, your therapist sees your heart rate as it happens, beside their own, and how the two move together.",
            "You'll be asked, with one tap, how you are at the start and at the end.",
            "When the session ends it is saved for you both: the two heart rates, how in step they were, and how you were before and after.",
            "You can stop at any moment with “Stop sharing this session”: their view ends at once, and they won't see this session afterwards either.",
        ],
    };

    public static IReadOnlyList<string> Text => Versions[CurrentVersion];
}
