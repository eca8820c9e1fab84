using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Practices.Library;

public static partial class PracticeLibrary
{
    private static IEnumerable<Practice> ForConnected() =>
    [
        P("savouring", "Savouring a good moment",
            "Stay with something good a little longer than usual: notice it in detail, feel it in the body, and let it sink in.",
            PracticeGroup.Connected, 3,
            [
                Fit(NervousState.Connected, "Good moments pass quickly; lingering on them helps them leave a deeper trace."),
                Fit(NervousState.ShutDown, "A small good thing, savoured slowly, can be a gentle spark when energy is low."),
            ],
            [
                S("Pick something good from right now or earlier today: a taste, a view, a kind word, a small win.", 30),
                S("Notice its details: colours, sounds, textures, who was there.", 45),
                S("Where do you feel it in your body? Let that feeling grow a little, and stay with it.", 60),
                S("Take a mental picture, so you can come back to it later.", 20),
            ],
            EvidenceStrength.Some,
            "Savouring has been studied for two decades, mostly in surveys and some small intervention studies that found modest gains in happiness. It is well described but not yet strongly tested.",
            [
                R("Bryant FB, Veroff J (2007). Savoring: A New Model of Positive Experience. Mahwah, NJ: Lawrence Erlbaum."),
            ],
            []),

        P("gratitude", "Three good things",
            "Write down three things that went well or that you are grateful for, and for each one, why it happened.",
            PracticeGroup.Connected, 5,
            [
                Fit(NervousState.Connected, "Looking back over the good in a day strengthens the feeling of safety and connection you are in now."),
            ],
            [
                S("Think back over today, or the last few days.", 30),
                S("Write down three things that went well, large or small, or that you are thankful for.", 120),
                S("Beside each, write why it happened, or who made it possible.", 120),
            ],
            EvidenceStrength.Several,
            "Many trials have tested gratitude exercises. A meta-analysis found they improve well-being a little compared with neutral activities, though often not more than other positive activities.",
            [
                R("Emmons RA, McCullough ME (2003). Counting blessings versus burdens: an experimental investigation of gratitude and subjective well-being in daily life. Journal of Personality and Social Psychology 84(2):377–389.", "10.1037/0022-3514.84.2.377"),
                R("Davis DE, Choe E, Meyers J, et al. (2016). Thankful for the little things: a meta-analysis of gratitude interventions. Journal of Counseling Psychology 63(1):20–31.", "10.1037/cou0000107"),
            ],
            ["On a very low day gratitude can feel forced. That is all right; try glimmers instead, or come back another time."]),

        P("loving-kindness", "Kind wishes",
            "Send simple, warm wishes to yourself, to someone you love, to someone you hardly know, and outward to everyone: \"may you be safe, may you be at ease\".",
            PracticeGroup.Connected, 6,
            [
                Fit(NervousState.Connected, "From a settled place, warmth can widen: towards yourself, others, and people you find difficult."),
            ],
            [
                S("Sit comfortably. Bring to mind someone who makes you smile. Silently wish them: may you be safe, may you be healthy, may you be at ease.", 75),
                S("Offer the same wishes to yourself. If that feels awkward, imagine the friend wishing them to you.", 75),
                S("Offer them to someone you hardly know: a neighbour, a shop assistant.", 60),
                S("If you like, to someone you find difficult, and then to all beings everywhere.", 75),
                S("Rest for a moment in whatever you feel.", 30),
            ],
            EvidenceStrength.Several,
            "Loving-kindness meditation has a growing set of trials; a review found it increases positive emotion and may ease some distress, with mostly small to moderate effects.",
            [
                R("Hofmann SG, Grossman P, Hinton DE (2011). Loving-kindness and compassion meditation: potential for psychological interventions. Clinical Psychology Review 31(7):1126–1132.", "10.1016/j.cpr.2011.07.003"),
                R("Fredrickson BL, Cohn MA, Coffey KA, Pek J, Finkel SM (2008). Open hearts build lives: positive emotions, induced through loving-kindness meditation, build consequential personal resources. Journal of Personality and Social Psychology 95(5):1045–1062.", "10.1037/a0013262"),
            ],
            ["Wishing yourself well can stir up grief or self-criticism at first. Go gently, or stay with the friend for longer."]),

        P("wheel-of-awareness", "Hub and rim awareness",
            "Picture your awareness as the calm centre of a wheel, and move its attention around the rim: your senses, your body, your thoughts, your connections.",
            PracticeGroup.Connected, 8,
            [
                Fit(NervousState.Connected, "Moving attention on purpose while resting in a calm centre strengthens the sense that you can hold many experiences at once."),
                Fit(NervousState.Activated, "Noticing thoughts and feelings from the calm centre, rather than from inside them, can give a little space."),
            ],
            [
                S("Imagine a wheel: you rest at its calm hub, and everything you can notice lies on the rim.", 30),
                S("Send attention to the first part of the rim, the five senses, one at a time: hearing, seeing, smell, taste, touch.", 100),
                S("Move to the body: sensations from head to toes, then the inner organs, the heart, the breath.", 100),
                S("Move to the mind: notice thoughts, feelings and memories as they come and go, without following them.", 100),
                S("Move to your connections: the people close to you, your community, everything alive. Wish them well.", 80),
                S("Return to the hub and rest in being aware.", 45),
            ],
            EvidenceStrength.Little,
            "In the spirit of Daniel Siegel's Wheel of Awareness, in our own words. We know of no controlled trial of this specific practice; meditation programmes more broadly show small to moderate benefits for anxiety and stress.",
            [
                R("Siegel DJ (2018). Aware: The Science and Practice of Presence. New York: TarcherPerigee."),
                R("Goyal M, Singh S, Sibinga EMS, et al. (2014). Meditation programs for psychological stress and well-being: a systematic review and meta-analysis. JAMA Internal Medicine 174(3):357–368.", "10.1001/jamainternmed.2013.13018"),
            ],
            [EyesOpenCaution]),
    ];
}
