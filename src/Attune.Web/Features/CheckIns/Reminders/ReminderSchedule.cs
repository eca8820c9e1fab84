using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// When a person wants to be reminded: fixed wall-clock times, and a number of random moments a day inside a window
/// (experience sampling), all in their own zone.
/// </summary>
public sealed record ReminderPlan(IReadOnlyList<TimeOnly> Fixed, int RandomPerDay, TimeOnly RandomFrom, TimeOnly RandomTo)
{
    public bool IsEmpty => Fixed.Count == 0 && RandomPerDay == 0;

    public static ReminderPlan Of(CheckInPreferences p) => new(
        ReminderSchedule.ParseStoredTimes(p.ReminderTimes),
        p.RandomPerDay,
        TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(p.RandomFromMinute)),
        TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(p.RandomToMinute)));
}

/// <summary>
/// The instants a <see cref="ReminderPlan"/> means. Pure and deterministic, so every app node computes the same
/// moments and the tests can check them across daylight-saving changes and unusual offsets.
/// </summary>
/// <remarks>
/// Fixed times follow the zone's rules through <see cref="LocalTimes.ToUtc"/>: a time the clocks skip in spring
/// comes just after the jump, a time that repeats in autumn comes once, at its first occurrence.
/// Random moments are drawn per person and local day from a hash of both, so they differ from person to person
/// and day to day, yet any node (or a restart) draws the same ones.
/// </remarks>
public static class ReminderSchedule
{
    /// <summary>Random reminders that come close together feel like one nagging reminder; keep them apart.</summary>
    public const int MinimumGapMinutes = 30;

    /// <summary>A window shorter than this leaves nothing random about the moments.</summary>
    public const int MinimumWindowMinutes = 60;

    /// <summary>Every reminder moment of the plan on one local date, as UTC instants, sorted and distinct.</summary>
    public static IReadOnlyList<DateTime> MomentsOn(DateOnly date, ReminderPlan plan, string zone, Guid person)
    {
        var moments = new SortedSet<DateTime>();
        foreach (var time in plan.Fixed)
        {
            moments.Add(LocalTimes.ToUtc(date.ToDateTime(time), zone));
        }
        foreach (var moment in RandomOn(date, plan.RandomPerDay, plan.RandomFrom, plan.RandomTo, zone, person))
        {
            moments.Add(moment);
        }
        return [.. moments];
    }

    /// <summary>
    /// <paramref name="count"/> random moments from <paramref name="from"/> to <paramref name="to"/> (both included) on
    /// one local date, at whole minutes, at least <see cref="MinimumGapMinutes"/> apart (less only when a daylight-saving
    /// change makes that day's window too short for the count), sorted.
    /// </summary>
    /// <remarks>
    /// The window is measured in real minutes between its UTC ends, so a day that loses or gains an hour has a
    /// shorter or longer window. With slack = window + 1 − (count − 1)·gap, count integers are drawn uniformly from
    /// [0, slack), sorted, and the i-th moves on by i·gap: every arrangement with the minimum gap is equally likely.
    /// The generator is SplitMix64 seeded from SHA-256(person id, yyyy-MM-dd), fixed here rather than
    /// <see cref="Random"/>, whose seeded sequence .NET does not promise to keep.
    /// </remarks>
    public static IReadOnlyList<DateTime> RandomOn(DateOnly date, int count, TimeOnly from, TimeOnly to, string zone, Guid person)
    {
        if (count <= 0)
        {
            return [];
        }
        var start = LocalTimes.ToUtc(date.ToDateTime(from), zone);
        var end = LocalTimes.ToUtc(date.ToDateTime(to), zone);
        var minutes = (int)(end - start).TotalMinutes;
        if (minutes <= 0)
        {
            return [];
        }
        // Both ends are allowed: "not before 09:00, not after 21:00" includes 21:00.
        var gap = count == 1 ? 0 : Math.Min(MinimumGapMinutes, minutes / (count - 1));
        var slack = minutes + 1 - (count - 1) * gap;
        var random = new SplitMix64(Seed(person, date));
        var draws = new int[count];
        for (var i = 0; i < count; i++)
        {
            draws[i] = random.Below(slack);
        }
        Array.Sort(draws);
        var moments = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            moments[i] = start.AddMinutes(draws[i] + i * gap);
        }
        return moments;
    }

    /// <summary>The first moment of the plan strictly after <paramref name="afterUtc"/>; null when the plan is empty.</summary>
    public static DateTime? NextAfter(DateTime afterUtc, ReminderPlan plan, string zone, Guid person)
    {
        if (plan.IsEmpty)
        {
            return null;
        }
        var (today, _) = LocalTimes.Of(afterUtc, zone);
        // The day before too: a moment in a spring-forward gap near midnight lands on the next local date.
        for (var date = today.AddDays(-1); date <= today.AddDays(2); date = date.AddDays(1))
        {
            foreach (var moment in MomentsOn(date, plan, zone, person))
            {
                if (moment > afterUtc)
                {
                    return moment;
                }
            }
        }
        return null;
    }

    /// <summary>"08:30,20:00" as stored in <see cref="CheckInPreferences.ReminderTimes"/>.</summary>
    public static IReadOnlyList<TimeOnly> ParseStoredTimes(string stored) =>
        [.. stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => TryParseTime(t, out var time) ? time : (TimeOnly?)null).OfType<TimeOnly>()];

    public static string StoreTimes(IEnumerable<TimeOnly> times) => string.Join(',', times.Select(Format));

    /// <summary>Exactly "HH:mm", 00:00 to 23:59: what a browser's time field sends.</summary>
    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static ulong Seed(Guid person, DateOnly date)
    {
        Span<byte> input = stackalloc byte[26];
        person.TryWriteBytes(input);
        Encoding.ASCII.GetBytes(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    /// <summary>Steele, Lea and Flood's SplitMix64 (2014): small, fast, and the same on every platform.</summary>
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, n) by multiply-and-shift (Lemire 2019); the bias for n below a day's minutes is under 1e-16.</summary>
        public int Below(int n) => (int)(((UInt128)Next() * (ulong)n) >> 64);
    }
}
