using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Practices.Library;

public static partial class PracticeLibrary
{
    private static IEnumerable<Practice> ForActivated() =>
    [
        P("extended-exhale", "Longer out-breath",
            "Breathe out for longer than you breathe in. A long, unhurried out-breath is one of the quickest ways to tell the body it can slow down.",
            PracticeGroup.Activated, 3,
            [
                Fit(NervousState.Activated, "The heart slows a little on every out-breath; making the out-breath longer gives that slowing more time."),
                Fit(NervousState.Connected, "A calm way to stay settled before something demanding."),
            ],
            [
                S("Sit or stand so your belly can move. Let your shoulders drop a little.", 15),
                Breathe("Breathe in through your nose for a count of four, then out slowly, through the nose or pursed lips, for a count of six.", 180),
                S("Let the breath go back to its own rhythm. Notice anything that has changed, even slightly.", 20),
            ],
            EvidenceStrength.Several,
            "Slow breathing, around six breaths a minute, reliably raises heart-rate variability in controlled studies, and most find people feel calmer afterwards. Whether the longer out-breath itself matters more than slowing down is less settled.",
            [
                R("Laborde S, Allen MS, Borges U, et al. (2022). Effects of voluntary slow breathing on heart rate and heart rate variability: a systematic review and a meta-analysis. Neuroscience & Biobehavioral Reviews 138:104711.", "10.1016/j.neubiorev.2022.104711"),
                R("Zaccaro A, Piarulli A, Laurino M, et al. (2018). How breath-control can change your life: a systematic review on psycho-physiological correlates of slow breathing. Frontiers in Human Neuroscience 12:353.", "10.3389/fnhum.2018.00353"),
            ],
            [DizzyCaution, "Breathing very deeply can make you light-headed; keep the in-breath gentle and let the length come from the out-breath."],
            new BreathPattern(4, 0, 6, 0)),

        P("physiological-sigh", "Double in-breath, long sigh out",
            "Two breaths in through the nose, the second a short top-up, then one long, slow breath out. Repeat for a few minutes.",
            PracticeGroup.Activated, 5,
            [
                Fit(NervousState.Activated, "The top-up re-opens the lungs and the long out-breath lets the heart slow, a pattern the body already uses when it sighs by itself."),
            ],
            [
                S("Sit comfortably. You will breathe in twice through the nose, then out once through the mouth.", 15),
                Breathe("In through the nose, then a second, smaller sip of air on top. Then a long, easy breath out through the mouth, until the lungs feel empty.", 300),
                S("Rest and breathe normally. How does your body feel now?", 20),
            ],
            EvidenceStrength.Some,
            "In one randomised study, five minutes a day of this cyclic sighing for a month improved mood and lowered breathing rate at rest slightly more than mindfulness meditation did. That is one study of healthy volunteers, so the evidence is promising but early.",
            [
                R("Balban MY, Neri E, Kogon MM, et al. (2023). Brief structured respiration practices enhance mood and reduce physiological arousal. Cell Reports Medicine 4(1):100895.", "10.1016/j.xcrm.2022.100895"),
            ],
            [DizzyCaution],
            new BreathPattern(3, 0, 6, 0)),

        P("box-breathing", "Square breathing",
            "In, hold, out, hold, each for the same count, like tracing the sides of a square. Steady and easy to remember.",
            PracticeGroup.Activated, 4,
            [
                Fit(NervousState.Activated, "An even count gives a racing mind one simple thing to follow, and the pace is slower than anxious breathing."),
            ],
            [
                S("Sit upright and comfortable. Picture a square.", 15),
                Breathe("Breathe in for four, hold gently for four, breathe out for four, and rest empty for four. If holding feels uneasy, keep breathing softly instead.", 240),
                S("Let the count go and breathe as you like. Notice what is different.", 20),
            ],
            EvidenceStrength.Some,
            "Box breathing was one of the practices in the same randomised study as cyclic sighing; it helped mood too, a little less. Beyond that it rests on the wider research on slow breathing.",
            [
                R("Balban MY, Neri E, Kogon MM, et al. (2023). Brief structured respiration practices enhance mood and reduce physiological arousal. Cell Reports Medicine 4(1):100895.", "10.1016/j.xcrm.2022.100895"),
                R("Zaccaro A, Piarulli A, Laurino M, et al. (2018). How breath-control can change your life: a systematic review on psycho-physiological correlates of slow breathing. Frontiers in Human Neuroscience 12:353.", "10.3389/fnhum.2018.00353"),
            ],
            [HoldCaution, DizzyCaution, "For some people a held breath feels like being trapped. The longer out-breath practice is a gentle alternative."],
            new BreathPattern(4, 4, 4, 4)),

        P("grounding-54321", "Five things you can see",
            "Name five things you can see, four you can touch, three you can hear, two you can smell and one you can taste. Your senses bring you back to here and now.",
            PracticeGroup.Activated, 3,
            [
                Fit(NervousState.Activated, "When thoughts race ahead, the senses only report the present, which is usually safer than the story in your head."),
                Fit(NervousState.ShutDown, "Naming what is around you gently brings attention back from far away."),
            ],
            [
                S("Look around. Name five things you can see, out loud or in your head. Take your time with each.", 45),
                S("Find four things you can touch: your clothes, the chair, the floor under your feet, your own hands.", 40),
                S("Listen for three sounds, near and far.", 30),
                S("Notice two things you can smell, or two smells you like.", 25),
                S("Notice one thing you can taste, or take a sip of water.", 20),
            ],
            EvidenceStrength.Little,
            "Grounding like this is taught widely in trauma-informed care and is a core skill of some therapy programmes, but we know of no controlled trial of this exact exercise on its own.",
            [
                R("Najavits LM (2002). Seeking Safety: A Treatment Manual for PTSD and Substance Abuse. New York: Guilford Press."),
            ],
            ["If no smell or taste is around, skip those: the seeing and touching matter most."]),

        P("orienting", "Orienting to the room",
            "Let your eyes and head slowly explore the space around you, as an animal does when it checks that all is well.",
            PracticeGroup.Activated, 2,
            [
                Fit(NervousState.Activated, "Letting the eyes find that nothing here needs fighting or fleeing can tell the body the alarm may be over."),
                Fit(NervousState.ShutDown, "Slow, curious looking is a small, safe way to come back into contact with the world."),
            ],
            [
                S("Let your head turn slowly, and let your eyes rest on whatever draws them: a colour, a shape, the light.", 45),
                S("Look behind you too, slowly, over each shoulder.", 30),
                S("Notice whether your breath or your shoulders have changed, even a little.", 20),
            ],
            EvidenceStrength.Little,
            "Orienting comes from body-based trauma therapies. One randomised trial of Somatic Experiencing, which includes it, found fewer PTSD symptoms, but that tests the whole therapy, not orienting alone.",
            [
                R("Brom D, Stokar Y, Lawi C, et al. (2017). Somatic Experiencing for posttraumatic stress disorder: a randomized controlled outcome study. Journal of Traumatic Stress 30(3):304–312."),
                R("Levine PA (1997). Waking the Tiger: Healing Trauma. Berkeley: North Atlantic Books."),
            ],
            ["Move slowly; if turning your head is uncomfortable, move only your eyes."]),

        P("name-it-to-tame-it", "Name it to tame it",
            "Put the feeling into words: \"I am feeling furious\", \"this is fear\". Naming a feeling often takes a little of its heat away.",
            PracticeGroup.Activated, 2,
            [
                Fit(NervousState.Activated, "Finding the word for a strong feeling engages the thinking brain and seems to quieten the alarm a little."),
                Fit(NervousState.Connected, "Practising precise words when calm makes them easier to find when it is hard."),
            ],
            [
                S("Pause. Notice where the feeling sits in your body.", 20),
                S("Say to yourself, \"I notice I am feeling…\" and find a word. Try a more exact one: annoyed, hurt, left out, overwhelmed.", 40),
                S("If you like, add where it comes from: \"…because…\". Then just let the word be there.", 40),
            ],
            EvidenceStrength.Some,
            "Lab studies of \"affect labelling\" find that naming an emotion lowers the brain's and body's reaction to it a little. These are short laboratory tasks, and the effect on real upsets is less studied. The phrase \"name it to tame it\" comes from Daniel Siegel.",
            [
                R("Lieberman MD, Eisenberger NI, Crockett MJ, et al. (2007). Putting feelings into words: affect labeling disrupts amygdala activity in response to affective stimuli. Psychological Science 18(5):421–428.", "10.1111/j.1467-9280.2007.01916.x"),
                R("Torre JB, Lieberman MD (2018). Putting feelings into words: affect labeling as implicit emotion regulation. Emotion Review 10(2):116–124."),
                R("Siegel DJ, Bryson TP (2011). The Whole-Brain Child. New York: Delacorte Press."),
            ],
            []),

        P("cold-water", "Cool water on the face",
            "Splash cold water on your face, or hold a cool, wet cloth over your eyes and cheeks, for half a minute while you breathe slowly.",
            PracticeGroup.Activated, 2,
            [
                Fit(NervousState.Activated, "Cold on the face sets off a reflex that slows the heart within seconds: a fast brake when feelings are very intense."),
            ],
            [
                S("Fill a bowl or the sink with cold water, or wet a cloth. Not icy: cool is enough.", 30),
                S("Lean forward and hold the water or cloth to your face, around the eyes and cheeks, for up to 30 seconds. Breathe out slowly.", 30),
                S("Dry your face and breathe normally. Notice your heartbeat.", 30),
            ],
            EvidenceStrength.Some,
            "Cold on the face reliably slows the heart (it is used as a medical test of this reflex). As a skill for intense emotion it is taught in Dialectical Behaviour Therapy; its effect on feelings has been studied less than its effect on the heart.",
            [
                R("Khurana RK, Watabiki S, Hebel JR, Toro R, Nelson E (1980). Cold face test in the assessment of trigeminal-brainstem-vagal function in humans. Annals of Neurology 7(2):144–149."),
                R("Linehan MM (2015). DBT Skills Training Manual, 2nd edition. New York: Guilford Press."),
            ],
            ["Skip this if you have a heart condition, a slow heartbeat, low blood pressure or faint easily, unless your doctor says it is fine.", "Do not hold your breath under water."]),

        P("shaking-out", "Shake it out",
            "Shake your hands, arms, shoulders and legs loosely for a minute, as if shaking off water, then stand still and feel the buzz settle.",
            PracticeGroup.Activated, 2,
            [
                Fit(NervousState.Activated, "Activation is energy for moving; letting the body move can use some of it up instead of holding it in."),
                Fit(NervousState.ShutDown, "Gentle shaking can also wake up a body that feels heavy, if you go slowly."),
            ],
            [
                S("Stand with your knees soft. Start shaking your hands, loosely.", 20),
                S("Let the shaking spread to your arms, shoulders, and then your legs, one at a time. Keep it loose and easy.", 45),
                S("Stop, stand still, and feel the tingle in your body fade.", 30),
            ],
            EvidenceStrength.Little,
            "There is little direct evidence for shaking as such. It draws on body-based therapies and on good evidence that physical activity eases anxiety, which mostly concerns regular exercise rather than a single minute.",
            [
                R("Stubbs B, Vancampfort D, Rosenbaum S, et al. (2017). An examination of the anxiolytic effects of exercise for people with anxiety and stress-related disorders: a meta-analysis. Psychiatry Research 249:102–108."),
            ],
            ["Keep it gentle if you have joint pain or feel unsteady; shaking while sitting works too."]),

        P("wall-push", "Push against a wall",
            "Press your hands into a wall as if to push it away, firmly, for a few breaths. Then let go and feel your arms and legs.",
            PracticeGroup.Activated, 2,
            [
                Fit(NervousState.Activated, "Angry or cornered energy wants to push; pushing something solid gives it a safe, complete movement."),
                Fit(NervousState.ShutDown, "Feeling your own strength against something firm can bring back a sense of having a body that can act."),
            ],
            [
                S("Stand an arm's length from a wall. Place your palms flat on it at shoulder height.", 15),
                S("Push, steadily and firmly, from your feet through your legs, back and arms. Breathe out as you push. Hold for a few breaths.", 30),
                S("Ease off slowly. Push once or twice more if it feels good.", 40),
                S("Step back and notice your arms, legs and feet.", 20),
            ],
            EvidenceStrength.Little,
            "Pushing movements come from sensorimotor approaches to trauma therapy, where completing a protective movement is used to restore a sense of agency. We know of no trial of this exercise on its own.",
            [
                R("Ogden P, Minton K, Pain C (2006). Trauma and the Body: A Sensorimotor Approach to Psychotherapy. New York: W. W. Norton."),
            ],
            ["Push only as hard as is comfortable for your wrists, shoulders and back."]),
    ];
}
