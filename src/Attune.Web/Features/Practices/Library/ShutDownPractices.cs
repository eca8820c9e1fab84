using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Practices.Library;

public static partial class PracticeLibrary
{
    private static IEnumerable<Practice> ForShutDown() =>
    [
        P("gentle-movement", "Gentle movement",
            "Small, slow movements to wake the body up: rolling the shoulders, stretching, rocking, a short walk. As little or as much as you can.",
            PracticeGroup.ShutDown, 4,
            [
                Fit(NervousState.ShutDown, "When the body has gone still and heavy, small movements bring back some energy without asking too much at once."),
                Fit(NervousState.Activated, "Moving slowly and on purpose can also take the edge off restlessness."),
            ],
            [
                S("Start where you are. Wiggle your fingers and toes. Roll your shoulders slowly, forwards and back.", 40),
                S("Stretch in any direction that feels good: arms up, a slow twist, a yawn.", 45),
                S("If you can, stand and rock gently from foot to foot, or walk a few slow steps.", 60),
                S("Pause. Notice any warmth, tingling or change in energy, however small.", 30),
            ],
            EvidenceStrength.Some,
            "Regular exercise helps low mood in many trials, though those are about weeks of activity, not a few minutes. That a few minutes of gentle movement lifts shut-down states is plausible and matches clinical experience, with little direct study.",
            [
                R("Schuch FB, Vancampfort D, Richards J, et al. (2016). Exercise as a treatment for depression: a meta-analysis adjusting for publication bias. Journal of Psychiatric Research 77:42–51."),
            ],
            ["Move within what your body allows today. Sitting movements count."]),

        P("glimmers", "Looking for glimmers",
            "Look for tiny moments of something good: light on a wall, a warm cup, a bird, a kind message. Let each one land for a breath or two.",
            PracticeGroup.ShutDown, 3,
            [
                Fit(NervousState.ShutDown, "Small, safe, pleasant cues are the gentlest invitation back towards connection; they ask nothing of you."),
                Fit(NervousState.Connected, "Noticing glimmers when settled trains the eye to find them on harder days."),
            ],
            [
                S("Look or listen around you for one small thing that is pleasant, or just not unpleasant.", 40),
                S("Stay with it for a few breaths. What exactly do you like about it?", 40),
                S("Find another, if you can. Two or three is plenty.", 60),
                S("If you like, note one glimmer in your next check-in.", 15),
            ],
            EvidenceStrength.Little,
            "\"Glimmers\" is Deb Dana's word, from therapy informed by Polyvagal Theory. There is little direct evidence for the practice itself; it is close to savouring, which has some research behind it.",
            [
                R("Dana D (2018). The Polyvagal Theory in Therapy: Engaging the Rhythm of Regulation. New York: W. W. Norton."),
                R("Bryant FB, Veroff J (2007). Savoring: A New Model of Positive Experience. Mahwah, NJ: Lawrence Erlbaum."),
            ],
            ["If nothing feels good right now, that is all right: look for something neutral, like the colour of a wall."]),

        P("voo-breath", "Humming and \"voo\"",
            "Breathe in, then breathe out on a low, long hum or a deep \"voooo\" sound that you feel in your chest and belly.",
            PracticeGroup.ShutDown, 3,
            [
                Fit(NervousState.ShutDown, "The vibration of a low sound is something to feel from the inside, gently waking the chest and belly."),
                Fit(NervousState.Activated, "A long, sounded out-breath also slows the breath down."),
            ],
            [
                S("Sit comfortably. If you are around others, a quiet hum with closed lips works just as well.", 15),
                Breathe("Breathe in easily. On the out-breath, make a low \"voooo\" or hum, as long as feels comfortable. Feel the buzz in your chest and belly.", 150),
                S("Rest in silence for a few breaths. Notice the vibration fading.", 20),
            ],
            EvidenceStrength.Little,
            "The \"voo\" sound comes from Peter Levine's Somatic Experiencing. Humming greatly raises nitric oxide in the nose, a measurable physical effect, but there is little direct evidence about mood. It also slows the out-breath, which links it to slow-breathing research.",
            [
                R("Levine PA (2010). In an Unspoken Voice: How the Body Releases Trauma and Restores Goodness. Berkeley: North Atlantic Books."),
                R("Weitzberg E, Lundberg JON (2002). Humming greatly increases nasal nitric oxide. American Journal of Respiratory and Critical Care Medicine 166(2):144–145."),
            ],
            [DizzyCaution],
            new BreathPattern(4, 0, 8, 0)),

        P("warmth-and-wrapping", "Warmth and wrapping",
            "Wrap yourself in a blanket, hold something warm, or rest a hand on your chest. Let warmth and gentle pressure tell the body it is held.",
            PracticeGroup.ShutDown, 5,
            [
                Fit(NervousState.ShutDown, "Warmth and steady pressure are cues of safety that the body reads without words."),
                Fit(NervousState.Activated, "Firm, even pressure can also help a jittery body settle."),
            ],
            [
                S("Find something warm: a blanket, a hoodie, a hot-water bottle or a warm drink.", 40),
                S("Wrap up, or place a hand on your chest or belly. Feel its warmth and weight.", 60),
                S("Stay for a few minutes. Let your breath slow if it wants to.", 180),
            ],
            EvidenceStrength.Little,
            "One randomised trial found weighted blankets improved sleep in people with psychiatric conditions; for warmth and self-touch in the moment the evidence is mostly indirect.",
            [
                R("Ekholm B, Spulber S, Adler M (2020). A randomized controlled study of weighted chain blankets for insomnia in psychiatric disorders. Journal of Clinical Sleep Medicine 16(9):1567–1577."),
            ],
            ["Take care with hot water and heat pads: warm, never hot on the skin."]),

        P("tiny-next-step", "One tiny next step",
            "Choose one very small thing you can do in the next few minutes, like drinking a glass of water or opening a window, and do just that.",
            PracticeGroup.ShutDown, 3,
            [
                Fit(NervousState.ShutDown, "When everything feels like too much, one small action restarts momentum and gives a moment of having done something."),
            ],
            [
                S("Think of one thing so small it feels almost silly: stand up, drink water, open a curtain, send one text.", 40),
                S("Do it now, slowly. Nothing else is needed.", 90),
                S("Notice that you did it. If another tiny step appears, you can take it, or rest.", 30),
            ],
            EvidenceStrength.Several,
            "This is the heart of behavioural activation, a therapy for depression that has done well in many trials. One small step is a much smaller dose than the full therapy.",
            [
                R("Ekers D, Webster L, Van Straten A, et al. (2014). Behavioural activation for depression; an update of meta-analysis of effectiveness and sub group analysis. PLoS ONE 9(6):e100100.", "10.1371/journal.pone.0100100"),
            ],
            []),

        P("reach-out", "Reach out to someone safe",
            "Send a message to, call or sit near someone you feel safe with. You do not need to explain; \"can you talk for a minute?\" is enough.",
            PracticeGroup.ShutDown, 5,
            [
                Fit(NervousState.ShutDown, "Nervous systems settle each other: a familiar, kind voice or presence is one of the strongest ways back to connection."),
                Fit(NervousState.Activated, "Being with someone calm helps an activated body come down too."),
            ],
            [
                S("Think of one person who feels safe: a friend, family member, partner, or a helpline.", 30),
                S("Send a short message or call. You might write: \"Having a hard moment, could you talk?\"", 90),
                S("If you reach them, let them know what would help: listening, distraction, or just company.", 120),
            ],
            EvidenceStrength.Some,
            "In a well-known study, holding the hand of a spouse calmed the brain's response to threat, more so in closer relationships. Social connection is also strongly linked to long-term health. Studies of reaching out in a hard moment are fewer.",
            [
                R("Coan JA, Schaefer HS, Davidson RJ (2006). Lending a hand: social regulation of the neural response to threat. Psychological Science 17(12):1032–1039.", "10.1111/j.1467-9280.2006.01832.x"),
                R("Holt-Lunstad J, Smith TB, Layton JB (2010). Social relationships and mortality risk: a meta-analytic review. PLoS Medicine 7(7):e1000316.", "10.1371/journal.pmed.1000316"),
            ],
            ["If you are thinking of harming yourself, please reach a crisis line now; you will find numbers under \"Need help now?\"."]),
    ];
}
