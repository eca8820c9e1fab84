using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Demo;

/// <summary>
/// Ninety days of made-up but lifelike check-ins, so a newcomer sees what the insights look like without
/// waiting weeks: rushed weekday mornings, mixed work afternoons, evenings with a partner that are mostly warm
/// with an argument now and then, easier weekends outdoors, and a low stretch in the middle. The words grow more
/// varied over time, as they do when someone practises naming feelings. Deterministic for a given seed.
/// </summary>
public static class DemoCheckIns
{
    public const int Days = 90;

    private sealed record Moment(NervousState State, int Intensity, string[] Words, string[] Body, string[] Who, string[] Where, string[] Doing);

    private static readonly string[] MorningRushed = ["rushed", "pressured", "stressed", "on-edge", "tense", "frazzled", "worried"];
    private static readonly string[] MorningGood = ["hopeful", "rested", "calm", "curious", "optimistic", "settled"];
    private static readonly string[] WorkHard = ["frustrated", "overwhelmed", "irritated", "impatient", "anxious", "stressed", "exasperated", "insecure"];
    private static readonly string[] WorkGood = ["focused", "in-flow", "motivated", "interested", "accomplished", "proud"];
    private static readonly string[] EveningWarm = ["content", "loved", "relaxed", "affectionate", "grateful", "at-ease", "tender", "cosy", "playful"];
    private static readonly string[] EveningConflict = ["hurt", "defensive", "annoyed", "misunderstood", "resentful", "frustrated", "torn"];
    private static readonly string[] EveningWithdrawn = ["withdrawn", "numb", "disconnected", "checked-out", "flat", "lonely"];
    private static readonly string[] Weekend = ["carefree", "playful", "joyful", "peaceful", "alive", "grateful", "in-awe", "present"];
    private static readonly string[] LowStretch = ["tired", "flat", "lonely", "drained", "foggy", "heavy-hearted", "unmotivated", "sad", "empty"];

    private static readonly string[] ActivatedBody = ["chest:tight", "jaw:clenched", "shoulders:tense", "stomach:knotted", "heart:racing-heart", "hand-right:restless"];
    private static readonly string[] ShutDownBody = ["arm-left:heavy", "leg-right:heavy", "chest:empty", "eyes:heavy", "stomach:sinking", "shoulders:heavy"];
    private static readonly string[] ConnectedBody = ["chest:open", "shoulders:relaxed", "belly:soft", "heart:warm", "feet:grounded", "throat:open"];

    private static readonly string[] Glimmers = ["sun on the kitchen table", "a friend's voice message", "the smell of rain", "the cat asleep on my feet", "a long hug", "laughing at the same joke"];
    private static readonly string[] Triggers = ["a terse email", "running late again", "dishes left in the sink", "a comment about money", "too many meetings", "a bad night's sleep"];

    /// <summary>Check-ins for the <see cref="Days"/> days up to and including <paramref name="today"/>, in <paramref name="zone"/>.</summary>
    public static List<CheckInRequest> Generate(int seed, DateOnly today, string zone)
    {
        var random = new Random(seed);
        var vocabulary = CheckInVocabulary.Instance;
        var checkIns = new List<CheckInRequest>();
        for (var day = Days - 1; day >= 0; day--)
        {
            var date = today.AddDays(-day);
            var progress = 1 - day / (double)Days;
            var low = day is >= 45 and < 53;
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var sleep = Math.Round((low ? 5.5 : 7.0) + random.NextDouble() * 2 - 1, 1);
            var moments = new List<(int Minute, Moment What)>();
            if (weekend)
            {
                moments.Add((9 * 60 + 30, new(NervousState.Connected, 4, Weekend, ConnectedBody, ["partner"], ["home"], ["resting"])));
                moments.Add((14 * 60, new(NervousState.Connected, 6, Weekend, ConnectedBody, ["friends", "partner"], ["nature"], ["exercise", "socialising"])));
            }
            else
            {
                moments.Add((7 * 60 + 40, random.NextDouble() < 0.6 || low
                    ? new(NervousState.Activated, 6, MorningRushed, ActivatedBody, ["family"], ["home", "commuting"], ["waking-up", "travelling"])
                    : new(NervousState.Connected, 4, MorningGood, ConnectedBody, ["alone"], ["home"], ["waking-up"])));
                moments.Add((14 * 60 + 15, random.NextDouble() < 0.55
                    ? new(NervousState.Activated, 6, WorkHard, ActivatedBody, ["colleagues", "boss"], ["work"], ["working"])
                    : new(NervousState.Connected, 5, WorkGood, ConnectedBody, ["colleagues"], ["work"], ["working", "learning"])));
            }
            var evening = random.NextDouble();
            moments.Add((20 * 60 + 30, low
                ? new(NervousState.ShutDown, 6, LowStretch, ShutDownBody, ["alone"], ["home"], ["scrolling"])
                : evening < 0.14
                    ? new(NervousState.Activated, 7, EveningConflict, ActivatedBody, ["partner"], ["home"], ["conflict"])
                    : evening < 0.24
                        ? new(NervousState.ShutDown, 5, EveningWithdrawn, ShutDownBody, ["partner"], ["home"], ["scrolling"])
                        : new(NervousState.Connected, 6, EveningWarm, ConnectedBody, ["partner"], ["home"], ["eating", "resting", "intimacy"])));
            if (random.NextDouble() < 0.3)
            {
                moments.Add((22 * 60 + 40, new(NervousState.Connected, 3, ["sleepy", "calm", "peaceful", "reflective"], ConnectedBody, ["partner"], ["bed"], ["falling-asleep"])));
            }
            foreach (var (minute, what) in moments)
            {
                // A few people use few words at first and more as they practise.
                var choices = what.Words.Where(vocabulary.EmotionById.ContainsKey).ToArray();
                var reach = Math.Max(2, (int)Math.Ceiling(choices.Length * (0.4 + 0.6 * progress)));
                var first = choices[random.Next(reach)];
                var words = random.NextDouble() < 0.25 + 0.3 * progress && reach > 1 ? new[] { first, choices[random.Next(reach)] } : [first];
                var state = what.State;
                NervousState? blend = state == NervousState.Activated && what.Doing.Contains("conflict") && random.NextDouble() < 0.3 ? NervousState.ShutDown : null;
                var body = random.NextDouble() < 0.6
                    ? what.Body.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(p => p.Split(':')).Select(p => new BodySensationDto(p[0], p[1])).ToArray()
                    : [];
                var wall = date.ToDateTime(new TimeOnly(minute / 60, minute % 60)).AddMinutes(random.Next(-25, 26));
                var intensity = Math.Clamp(what.Intensity + random.Next(-2, 3) + (low ? 1 : 0), 0, 10);
                checkIns.Add(new CheckInRequest(
                    StateNames.Of(state),
                    intensity,
                    blend is { } b ? StateNames.Of(b) : null,
                    [.. words.Distinct()],
                    body,
                    new CheckInContextDto(
                        what.Who.Take(random.Next(1, what.Who.Length + 1)).ToArray(),
                        what.Where.Take(1).ToArray(),
                        what.Doing.Take(random.Next(1, what.Doing.Length + 1)).ToArray(),
                        state == NervousState.Activated && random.NextDouble() < 0.3 ? [Triggers[random.Next(Triggers.Length)]] : null,
                        state == NervousState.Connected && random.NextDouble() < 0.3 ? [Glimmers[random.Next(Glimmers.Length)]] : null),
                    new CheckInScalesDto(
                        Math.Clamp(state == NervousState.Activated ? intensity : intensity / 2, 0, 10),
                        minute < 10 * 60 ? sleep : null),
                    null,
                    new DateTimeOffset(LocalTimes.ToUtc(wall, zone), TimeSpan.Zero),
                    zone,
                    state == NervousState.Connected && random.NextDouble() < 0.5 ? "shared" : "private",
                    null));
            }
        }
        return checkIns;
    }
}
