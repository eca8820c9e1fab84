using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Practices.Library;

public static partial class PracticeLibrary
{
    private static IEnumerable<Practice> ForAnyState() =>
    [
        P("resonance-breathing", "Breathing at your own rhythm",
            "Slow, even breathing near six breaths a minute, or at the rate that suits you best (find it with the rate finder). The classic heart-coherence practice.",
            PracticeGroup.Any, 10,
            [
                Fit(NervousState.Activated, "At this slow rate breathing and heartbeat rise and fall together in large, smooth waves, which helps the body settle."),
                Fit(NervousState.ShutDown, "An even, unhurried rhythm is steadying without being sleepy; keep the in-breath full."),
                Fit(NervousState.Connected, "Practised daily when calm, it makes slow breathing easier to find under stress."),
            ],
            [
                S("Sit upright and comfortable, with your feet on the floor.", 20),
                Breathe("Follow the circle: breathe in as it grows and out as it shrinks. Breathe from the belly, without forcing.", 600),
                S("Let the breath go. Notice how your body feels compared with when you started.", 30),
            ],
            EvidenceStrength.Several,
            "Heart-rate-variability biofeedback, which trains breathing at each person's resonance rate, has been tested in many trials; a meta-analysis found small to moderate benefits for anxiety, stress and low mood. Breathing near six a minute without a sensor captures much of it.",
            [
                R("Lehrer PM, Gevirtz R (2014). Heart rate variability biofeedback: how and why does it work? Frontiers in Psychology 5:756.", "10.3389/fpsyg.2014.00756"),
                R("Lehrer P, Kaur K, Sharma A, et al. (2020). Heart rate variability biofeedback improves emotional and physical health and performance: a systematic review and meta analysis. Applied Psychophysiology and Biofeedback 45(3):109–129."),
            ],
            [DizzyCaution, "Breathing slowly is not the same as breathing deeply: keep each breath comfortable, not huge."],
            new BreathPattern(4, 0, 6, 0)),

        P("body-scan", "Body scan",
            "Move your attention slowly through the body, from the feet to the head, noticing whatever is there without trying to change it.",
            PracticeGroup.Any, 8,
            [
                Fit(NervousState.Activated, "Slowly attending to the body can show where tension sits, and often lets some of it go."),
                Fit(NervousState.ShutDown, "Noticing sensations, even faint ones, gently reconnects you with a body that feels far away."),
                Fit(NervousState.Connected, "It deepens the body awareness that helps you notice early signs of stress."),
            ],
            [
                S("Sit or lie down. Keep your eyes open or closed, whichever feels safer.", 20),
                S("Bring attention to your feet: warmth, coolness, pressure, tingling, or nothing at all. All of it is fine.", 60),
                S("Move slowly up: calves, knees, thighs, hips. Notice, then move on.", 80),
                S("Belly, chest and back. Notice the breath moving here.", 80),
                S("Hands, arms, shoulders, neck.", 70),
                S("Jaw, face, eyes and the top of the head. Then feel the whole body at once.", 70),
            ],
            EvidenceStrength.Some,
            "The body scan is part of Mindfulness-Based Stress Reduction, whose programmes show small to moderate benefits in trials. Studies of the body scan on its own are fewer and mixed.",
            [
                R("Kabat-Zinn J (1990). Full Catastrophe Living. New York: Delacorte Press."),
                R("Goyal M, Singh S, Sibinga EMS, et al. (2014). Meditation programs for psychological stress and well-being: a systematic review and meta-analysis. JAMA Internal Medicine 174(3):357–368.", "10.1001/jamainternmed.2013.13018"),
                R("Treleaven DA (2018). Trauma-Sensitive Mindfulness. New York: W. W. Norton."),
            ],
            [EyesOpenCaution, "You may skip any part of the body. Shorter is fine: feet, hands and breath are enough."]),

        P("self-compassion-break", "A kind pause for yourself",
            "In a hard moment, three steps: notice that this hurts, remember that others feel this too, and offer yourself the kindness you would offer a friend.",
            PracticeGroup.Any, 3,
            [
                Fit(NervousState.Activated, "Self-criticism adds a second alarm on top of the first; kindness turns that one down."),
                Fit(NervousState.ShutDown, "Warmth towards yourself can soften the heaviness of shame or hopelessness."),
                Fit(NervousState.Connected, "Practising kindness when settled makes it easier to find when you are not."),
            ],
            [
                S("Notice what is hard right now, and say to yourself: \"This is a moment of struggle.\" or \"This hurts.\"", 30),
                S("Remind yourself: \"I am not alone. Other people feel like this too.\"", 30),
                S("Place a hand on your heart or wherever feels soothing. Ask: what would I say to a friend who felt like this? Say it to yourself.", 60),
                S("Stay with the warmth of your hand for a few breaths.", 30),
            ],
            EvidenceStrength.Several,
            "This short practice comes from research on self-compassion. A randomised trial of the Mindful Self-Compassion programme found more self-compassion and well-being and less depression and anxiety; evidence for the short break alone is smaller.",
            [
                R("Neff KD (2003). Self-compassion: an alternative conceptualization of a healthy attitude toward oneself. Self and Identity 2(2):85–101."),
                R("Neff KD, Germer CK (2013). A pilot study and randomized controlled trial of the mindful self-compassion program. Journal of Clinical Psychology 69(1):28–44.", "10.1002/jclp.21923"),
            ],
            ["Kindness towards yourself can at first bring up sadness. That is common and usually passes; go gently."]),

        P("story-journaling", "Writing your story",
            "Write for a few minutes about something that matters to you, and how it connects to where you have come from and who you are becoming.",
            PracticeGroup.Any, 15,
            [
                Fit(NervousState.Connected, "Making sense of your story needs a settled mind; it is best started from a calm place."),
                Fit(NervousState.Activated, "Putting a tangled experience into words and order can lower its charge, if it does not flood you."),
                Fit(NervousState.ShutDown, "Writing a few honest lines can be a quiet way back to what you feel."),
            ],
            [
                S("Choose a prompt: \"What happened, and what did it mean to me?\", \"How did my family handle feelings when I was young, and how do I now?\" or \"What would I like the next chapter to hold?\"", 60),
                S("Write without stopping or correcting. Say what happened, what you felt then, and what you feel now.", 480),
                S("Read it back. Is there a thread, a new understanding, something you see more kindly now?", 120),
                S("Close with one line about what you will take from this.", 60),
            ],
            EvidenceStrength.Several,
            "Expressive writing has been tested in many studies since Pennebaker's first experiments; a meta-analysis found small benefits on average, larger for some people. Making sense of one's story is central to Daniel Siegel's idea of narrative integration.",
            [
                R("Pennebaker JW, Beall SK (1986). Confronting a traumatic event: toward an understanding of inhibition and disease. Journal of Abnormal Psychology 95(3):274–281.", "10.1037/0021-843X.95.3.274"),
                R("Frattaroli J (2006). Experimental disclosure and its moderators: a meta-analysis. Psychological Bulletin 132(6):823–865.", "10.1037/0033-2909.132.6.823"),
                R("Siegel DJ (2010). Mindsight: The New Science of Personal Transformation. New York: Bantam."),
            ],
            ["Writing about painful events often feels worse before it feels better. If you feel flooded, stop, ground yourself, and choose a less raw subject.", "Keep what you write private, or destroy it afterwards if you prefer; it is for you."]),

        P("emotion-coaching", "Emotion coaching with your child",
            "When your child is upset: notice it, see it as a chance to connect, listen, help them name the feeling, and then, if needed, set limits and solve problems together.",
            PracticeGroup.Any, 10,
            [
                Fit(NervousState.Connected, "A child borrows the calm of the adult; coaching works best when you are settled enough to stay curious."),
                Fit(NervousState.Activated, "If you are upset too, start by slowing your own breath; the steps give you a calm path to follow."),
            ],
            [
                S("First yourself: take one slow breath out. Your calm is the first thing your child feels.", 15),
                S("Get down to their level. Notice the feeling behind the behaviour.", 30),
                S("Listen, and reflect what you see: \"You look really disappointed that we have to leave.\"", 120),
                S("Help them find a word: \"Are you feeling angry? Or sad? Maybe both?\"", 90),
                S("When they are calmer: set any limits that are needed (\"hitting is not OK\") and think together about what could help next time.", 180),
            ],
            EvidenceStrength.Some,
            "John Gottman's research linked this way of responding to children's feelings with better emotional and social outcomes. A community trial of a programme built on it, Tuning in to Kids, found parents coached emotions more and children had fewer behaviour problems.",
            [
                R("Gottman JM, Katz LF, Hooven C (1996). Parental meta-emotion philosophy and the emotional life of families: theoretical models and preliminary data. Journal of Family Psychology 10(3):243–268."),
                R("Havighurst SS, Wilson KR, Harley AE, et al. (2010). Tuning in to Kids: improving emotion socialization practices in parents of preschool children. Journal of Child Psychology and Psychiatry 51(12):1342–1350."),
            ],
            ["If you are too upset to stay calm, it is fine to say \"I need a minute\" and come back: that models regulation too.", "If a child is in danger, safety comes first; coaching can wait."]),

        P("mindful-listening", "Listening fully",
            "Give one person your full attention for a few minutes: listen without planning your reply, then say back what you heard and the feeling behind it.",
            PracticeGroup.Any, 10,
            [
                Fit(NervousState.Connected, "Listening from a settled place is co-regulation in action: your calm helps the other person feel safe."),
                Fit(NervousState.Activated, "Slowing down to reflect what you hear, instead of answering, can cool a heated conversation."),
            ],
            [
                S("Agree who speaks first. Set a few minutes. Breathe out slowly and turn towards them.", 30),
                S("Listen. Notice their words, their voice and their face. When you catch yourself preparing an answer, come back to listening.", 240),
                S("Say back what you heard: \"What I hear is that you felt hurt because…\" Ask: \"Did I get that right?\"", 90),
                S("Swap roles if you like.", 240),
            ],
            EvidenceStrength.Little,
            "Reflecting back what someone said helps them feel understood in studies of conversations between strangers. Attuned listening is central to couples therapies, but we know of little direct evidence for this exercise on its own.",
            [
                R("Weger H, Castle GR, Emmett MC (2010). Active listening in peer interviews: the influence of message paraphrasing on perceptions of listening skill. International Journal of Listening 24(1):34–49."),
            ],
            ["If the talk becomes heated and either of you feels flooded, take a break of at least 20 minutes to calm down, then come back."]),
    ];
}
