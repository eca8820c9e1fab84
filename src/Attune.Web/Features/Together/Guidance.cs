using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Together;

/// <summary>What to do now, fitted to the partner's state and to the pair's combination.</summary>
/// <param name="Title">One line: "Sam is revved up right now".</param>
/// <param name="Steps">Two to four small things to do, in order.</param>
/// <param name="Pattern">The pair's combination when it is a known trap: pursue-withdraw, both-activated, both-shut-down; null otherwise.</param>
/// <param name="Together">A few words about the combination, or null when either state is unknown.</param>
public sealed record GuidanceDto(string Title, string[] Steps, string? Pattern, string? Together);

/// <summary>
/// Attunement guidance, in Attune's own words: mirror then lead an activated partner (slower breath, softer voice,
/// fewer words); invite a shut-down one gently back into movement and warmth, without pressure; and name the
/// pursuer–withdrawer trap when one is activated and the other shut down. Never a diagnosis.
/// </summary>
public static class Guidance
{
    /// <summary>A shared state older than this is a glimpse of the past: ask rather than assume.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromHours(6);

    public static GuidanceDto For(string partner, NervousState? theirs, int theirIntensity, NervousState? mine, bool stale)
    {
        var (title, steps) = theirs switch
        {
            NervousState.Activated => ($"{partner} is revved up right now", new[]
            {
                "Slow yourself first: breathe out a little longer than you breathe in.",
                "Soften and lower your voice, and use fewer words.",
                "Sit beside them rather than across. Let them feel you are on their side before solving anything.",
                "Try: “I can see this matters a lot. I'm here.”",
            }),
            NervousState.ShutDown => ($"{partner} seems to have gone quiet inside", new[]
            {
                "No pressure to talk. Being near is enough for now.",
                "Offer warmth: a blanket, a warm drink, sitting close.",
                "Invite gentle movement together: a short walk, a stretch, swaying to a song.",
                "Let them come back at their own pace. Try: “No rush. I'm right here.”",
            }),
            NervousState.Connected => ($"{partner} is feeling connected", new[]
            {
                "A good moment to share something, plan something, or simply be close.",
                "One of today's small rituals fits well now.",
            }),
            _ => ($"{partner} hasn't shared how they are", new[]
            {
                "Ask gently: “How are you, right now?” and listen for the feeling under the words.",
            }),
        };
        if (theirs is NervousState.Activated or NervousState.ShutDown && theirIntensity >= 7)
        {
            steps = [$"It feels strong for them. Go slowly.", .. steps];
        }
        if (stale && theirs is not null)
        {
            steps = [.. steps, "This was a while ago. Ask how they are now before going by it."];
        }
        var (pattern, together) = Combination(partner, mine, theirs);
        return new GuidanceDto(title, steps, pattern, together);
    }

    private static (string? Pattern, string? Text) Combination(string partner, NervousState? mine, NervousState? theirs) => (mine, theirs) switch
    {
        (NervousState.Activated, NervousState.ShutDown) => ("pursue-withdraw",
            $"You're revved up and {partner} has gone quiet: the pursue–withdraw trap. The more one presses, the further the other goes. "
            + "Instead, settle yourself first (slow breaths, or a twenty-minute break), then come back softer: “I miss you. No rush, I'll be here.”"),
        (NervousState.ShutDown, NervousState.Activated) => ("pursue-withdraw",
            $"{partner} is revved up and you've gone quiet: the pursue–withdraw trap, seen from the quiet side. The further you go, the louder they may need to be. "
            + "If you can, send one small signal that you're still there: “I need a moment, and I'm coming back.”"),
        (NervousState.Activated, NervousState.Activated) => ("both-activated",
            "You're both revved up. Nothing good gets decided now. Agree on a break of at least twenty minutes, soothe yourselves apart, then come back."),
        (NervousState.ShutDown, NervousState.ShutDown) => ("both-shut-down",
            "You're both low and far away. Start small and physical: sit together, breathe, share something warm to drink. Words can come later."),
        (NervousState.Connected, NervousState.Activated or NervousState.ShutDown) => (null,
            "You're the steadier one right now. Your calm is the most helpful thing you can offer."),
        (NervousState.Activated or NervousState.ShutDown, NervousState.Connected) => (null,
            $"{partner} is steady right now. It's okay to let them in: “I'm not doing so well. Could you stay close for a bit?”"),
        (NervousState.Connected, NervousState.Connected) => (null, "You're both feeling connected. A lovely moment for one of today's rituals."),
        _ => (null, null),
    };
}
