namespace Attune.Web.Features.Sharing;

/// <summary>
/// The words a person agrees to when they share. Each change to the text gets a new version, and each
/// grant records the version its owner saw, so a person's sharing history says what they agreed to.
/// </summary>
public static class SharingConsent
{
    public const int CurrentVersion = 1;

    public static IReadOnlyList<string> Text { get; } =
    [
        "The person you invite can see the kinds of data you tick, for as long as you keep sharing: what is there now and what you add later.",
        "They can look, not change or delete anything. Every time they open something of yours, you can see it under “Who looked at my data”.",
        "You can stop sharing at any moment. It takes effect straight away; they keep nothing in Attune, though we can't take back what they have already seen or written down.",
        "Nothing is shared until they accept with an account that uses the address you enter.",
    ];
}
