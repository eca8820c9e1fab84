using Attune.Web.Features.CheckIns;

namespace Attune.InsightsLoad;

/// <summary>
/// Realistic check-ins for one person, deterministic for a seed: ten a day between 07:00 and 23:00, states that
/// lean activated on weekday mornings at work and connected in the evening and with friends, 1–5 words that usually
/// come with the state, a body sensation in most and who/where/doing tags in most, the way the check-in flow
/// stores them (comma lists and context JSON).
/// </summary>
internal static class SampleCheckIns
{
    private static readonly string[][] BodyByState =
    [
        ["chest:open", "shoulders:relaxed", "belly:warm", "heart:steady-heartbeat", "chest:easy-breathing", "feet:grounded"],
        ["chest:tight", "jaw:clenched", "shoulders:tense", "heart:racing-heart", "stomach:butterflies", "hand-right:shaky", "throat:lump-in-throat"],
        ["chest:heavy", "stomach:sinking", "legs-back:heavy", "cheeks:numb", "arm-left:weak", "eyes:heavy"],
    ];

    public static List<CheckIn> Generate(Guid owner, DateOnly lastDay, int days, int perDay, int seed)
    {
        var random = new Random(seed);
        var vocabulary = CheckInVocabulary.Instance;
        var wordsByState = Enum.GetValues<NervousState>()
            .Select(s => vocabulary.Emotions.Where(w => w.States.Length > 0 && w.States[0] == StateNames.Of(s)).Select(w => w.Id).ToArray())
            .ToArray();
        var who = vocabulary.Who.Select(t => t.Id).ToArray();
        var where = vocabulary.Where.Select(t => t.Id).ToArray();
        var doing = vocabulary.Doing.Select(t => t.Id).ToArray();
        var list = new List<CheckIn>(days * perDay);
        var first = lastDay.AddDays(-(days - 1));
        for (var d = 0; d < days; d++)
        {
            var date = first.AddDays(d);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            for (var i = 0; i < perDay; i++)
            {
                var minute = 7 * 60 + (16 * 60 * i / perDay) + random.Next(16 * 60 / perDay);
                var atWork = !weekend && minute is > 9 * 60 and < 17 * 60;
                var roll = random.NextDouble();
                var state = atWork
                    ? roll < 0.5 ? NervousState.Activated : roll < 0.8 ? NervousState.Connected : NervousState.ShutDown
                    : minute > 19 * 60
                        ? roll < 0.6 ? NervousState.Connected : roll < 0.8 ? NervousState.ShutDown : NervousState.Activated
                        : roll < 0.45 ? NervousState.Connected : roll < 0.75 ? NervousState.Activated : NervousState.ShutDown;
                var pool = wordsByState[(int)state];
                var words = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => pool[random.Next(pool.Length)]).Distinct();
                var body = random.NextDouble() < 0.7
                    ? string.Join(',', Enumerable.Range(0, 1 + random.Next(3)).Select(_ => BodyByState[(int)state][random.Next(BodyByState[(int)state].Length)]).Distinct())
                    : "";
                string[]? W(string[] tags, double chance) => random.NextDouble() < chance ? [tags[random.Next(tags.Length)]] : null;
                var context = random.NextDouble() < 0.75
                    ? CheckInRules.SerializeContext(new CheckInContextDto(
                        atWork ? ["colleagues"] : W(who, 0.8),
                        atWork ? ["work"] : W(where, 0.8),
                        atWork ? ["working"] : W(doing, 0.7),
                        random.NextDouble() < 0.1 ? ["a long queue"] : null))
                    : "";
                var occurred = date.ToDateTime(new TimeOnly(minute / 60, minute % 60), DateTimeKind.Utc);
                list.Add(new CheckIn
                {
                    Id = Guid.CreateVersion7(),
                    OwnerId = owner,
                    OccurredAt = occurred,
                    TimeZone = "UTC",
                    LocalDate = date,
                    LocalMinute = minute,
                    State = state,
                    Intensity = random.Next(11),
                    Blend = random.NextDouble() < 0.1 ? (NervousState)(((int)state + 1) % 3) : null,
                    Emotions = string.Join(',', words),
                    Body = body,
                    Context = context,
                    Visibility = CheckInVisibility.Private,
                    CreatedAt = occurred,
                    UpdatedAt = occurred,
                });
            }
        }
        return list;
    }
}
