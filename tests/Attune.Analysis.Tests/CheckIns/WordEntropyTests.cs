using System.Globalization;
using Attune.Analysis.CheckIns;
using static Attune.Analysis.Tests.CheckIns.ProportionIntervalTests;

namespace Attune.Analysis.Tests.CheckIns;

public sealed class WordEntropyTests
{
    private static readonly DateOnly Monday = new(2025, 3, 3);

    [Fact]
    public void PerWeek_HandWeek_EntropyOfMentionCounts()
    {
        // Mon {1, 2}, Wed {1}, Sun {3}: counts 1→2, 2→1, 3→1, M = 4, p = ½, ¼, ¼.
        // H = ½·1 + ¼·2 + ¼·2 = 1.5 bits; D = 3; J = 1.5/log₂3.
        var words = new CheckInWords.Builder()
            .Add(Monday, [1, 2])
            .Add(Monday.AddDays(2), [1])
            .Add(Monday.AddDays(6), [3])
            .Build();
        var week = Assert.Single(WordEntropy.PerWeek(words));
        Assert.Equal(Monday, week.WeekStart);
        Assert.Equal(3, week.CheckIns);
        Assert.Equal(4, week.WordMentions);
        Assert.Equal(3, week.DistinctWords);
        AssertClose(1.5, week.EntropyBits!.Value, 1e-14);
        AssertClose(1.5 / Math.Log2(3), week.NormalizedEntropy!.Value, 1e-14);
    }

    [Fact]
    public void PerWeek_WordRepeatedInOneCheckIn_CountedOnce()
    {
        var words = new CheckInWords.Builder().Add(Monday, [7, 7, 9, 7]).Build();
        Assert.Equal(2, words.WordMentionCount);
        Assert.Equal([7, 9], words.WordsOf(0).ToArray());
        var week = Assert.Single(WordEntropy.PerWeek(words));
        Assert.Equal(1.0, week.EntropyBits);
        Assert.Equal(1.0, week.NormalizedEntropy);
    }

    [Fact]
    public void PerWeek_SundayAndNextMonday_TwoWeeks()
    {
        var words = new CheckInWords.Builder()
            .Add(Monday.AddDays(6), [1])
            .Add(Monday.AddDays(7), [1])
            .Build();
        var weeks = WordEntropy.PerWeek(words);
        Assert.Equal([Monday, Monday.AddDays(7)], weeks.Select(w => w.WeekStart));
    }

    [Fact]
    public void PerWeek_WeeksWithoutCheckIns_NotListed()
    {
        var words = new CheckInWords.Builder()
            .Add(Monday, [1])
            .Add(Monday.AddDays(21), [2])
            .Build();
        Assert.Equal([Monday, Monday.AddDays(21)], WordEntropy.PerWeek(words).Select(w => w.WeekStart));
    }

    [Fact]
    public void PerWeek_CheckInsWithoutWords_CountedWithNoEntropy()
    {
        var words = new CheckInWords.Builder().Add(Monday, []).Add(Monday.AddDays(1), []).Build();
        var week = Assert.Single(WordEntropy.PerWeek(words));
        Assert.Equal(2, week.CheckIns);
        Assert.Equal(0, week.DistinctWords);
        Assert.Null(week.EntropyBits);
        Assert.Null(week.NormalizedEntropy);
    }

    [Fact]
    public void PerWeek_OneDistinctWord_ZeroEntropyAndNoNormalisedEntropy()
    {
        var words = new CheckInWords.Builder().Add(Monday, [4]).Add(Monday, [4]).Add(Monday.AddDays(3), [4]).Build();
        var week = Assert.Single(WordEntropy.PerWeek(words));
        Assert.Equal(0.0, week.EntropyBits);
        Assert.Null(week.NormalizedEntropy);
    }

    [Fact]
    public void PerWeek_NoCheckIns_NoWeeks()
    {
        Assert.Empty(WordEntropy.PerWeek(new CheckInWords.Builder().Build()));
    }

    [Theory]
    [InlineData("2024-12-30", 2025, 1, "2024-12-30")]  // Monday of ISO week 1 of 2025
    [InlineData("2021-01-03", 2020, 53, "2020-12-28")] // a Sunday in week 53 of 2020
    [InlineData("2026-01-01", 2026, 1, "2025-12-29")]  // Thursday: its week is 2026-W01
    [InlineData("2027-01-01", 2026, 53, "2026-12-28")] // Friday: 2026-W53
    [InlineData("0001-01-01", 1, 1, "0001-01-01")]     // DayNumber 0 is a Monday
    [InlineData("9999-12-31", 9999, 52, "9999-12-27")]
    public void PerWeek_YearBoundaries_IsoWeekNumbers(string date, int isoYear, int isoWeek, string monday)
    {
        var d = DateOnly.Parse(date, CultureInfo.InvariantCulture);
        var week = Assert.Single(WordEntropy.PerWeek(new CheckInWords.Builder().Add(d, [1]).Build()));
        Assert.Equal(isoYear, week.IsoYear);
        Assert.Equal(isoWeek, week.IsoWeek);
        Assert.Equal(DateOnly.Parse(monday, CultureInfo.InvariantCulture), week.WeekStart);
    }

    [Fact]
    public void PerWeek_TwelveYearsOfDays_AgreesWithSystemIsoWeek()
    {
        var builder = new CheckInWords.Builder();
        var start = new DateOnly(2019, 1, 1);
        for (var i = 0; i < 12 * 366; i += 3)
        {
            builder.Add(start.AddDays(i), [i % 5]);
        }
        foreach (var week in WordEntropy.PerWeek(builder.Build()))
        {
            var monday = week.WeekStart.ToDateTime(TimeOnly.MinValue);
            Assert.Equal(DayOfWeek.Monday, week.WeekStart.DayOfWeek);
            Assert.Equal(ISOWeek.GetYear(monday), week.IsoYear);
            Assert.Equal(ISOWeek.GetWeekOfYear(monday), week.IsoWeek);
        }
    }

    [Fact]
    public void PerWeek_ShuffledCheckIns_SameWeeks()
    {
        var random = new Random(3);
        var rows = new List<(DateOnly Date, int[] Words)>();
        for (var i = 0; i < 500; i++)
        {
            var words = new int[random.Next(0, 4)];
            for (var k = 0; k < words.Length; k++)
            {
                words[k] = random.Next(0, 40);
            }
            rows.Add((Monday.AddDays(i / 5), words));
        }
        var ordered = Build(rows);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
        var shuffled = Build(rows);
        var a = WordEntropy.PerWeek(ordered);
        var b = WordEntropy.PerWeek(shuffled);
        Assert.Equal(a.Length, b.Length);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i] with { EntropyBits = null, NormalizedEntropy = null }, b[i] with { EntropyBits = null, NormalizedEntropy = null });
            AssertClose(a[i].EntropyBits!.Value, b[i].EntropyBits!.Value, 1e-13);
            AssertClose(a[i].NormalizedEntropy!.Value, b[i].NormalizedEntropy!.Value, 1e-13);
        }
    }

    [Fact]
    public void PerWeek_RandomWeeks_EntropyWithinBoundsAndUniformIsOne()
    {
        var random = new Random(5);
        var builder = new CheckInWords.Builder();
        for (var i = 0; i < 2000; i++)
        {
            builder.Add(Monday.AddDays(i / 7), [random.Next(0, 1 + i % 30), random.Next(0, 20)]);
        }
        foreach (var week in WordEntropy.PerWeek(builder.Build()))
        {
            Assert.InRange(week.EntropyBits!.Value, 0, Math.Log2(week.DistinctWords) + 1e-12);
            if (week.NormalizedEntropy is double j)
            {
                Assert.InRange(j, 0, 1);
            }
        }

        var uniform = new CheckInWords.Builder().Add(Monday, [1, 2, 3]).Add(Monday, [4, 5]).Add(Monday, [6, 7, 8]).Build();
        var u = Assert.Single(WordEntropy.PerWeek(uniform));
        AssertClose(3, u.EntropyBits!.Value, 1e-14);
        AssertClose(1, u.NormalizedEntropy!.Value, 1e-14);
    }

    [Fact]
    public void PerWeek_WordIdsRelabelled_SameEntropy()
    {
        var a = new CheckInWords.Builder().Add(Monday, [1, 2]).Add(Monday, [1]).Add(Monday, [3, 1]).Build();
        var b = new CheckInWords.Builder().Add(Monday, [-50, 900]).Add(Monday, [-50]).Add(Monday, [int.MaxValue, -50]).Build();
        var wa = Assert.Single(WordEntropy.PerWeek(a));
        var wb = Assert.Single(WordEntropy.PerWeek(b));
        Assert.Equal(wa, wb);
    }

    [Fact]
    public void Builder_ManyWords_SortedAndDistinct()
    {
        int[] ids = [40, 3, 17, 3, 99, -2, 40, 8, 15, 16, 23, 42, 4, 8, 15, 16, 23, 42, 1000, 7, 7];
        var words = new CheckInWords.Builder().Add(Monday, ids).Add(Monday, [5, 1, 3, 1]).Build();
        Assert.Equal(ids.Distinct().Order().ToArray(), words.WordsOf(0).ToArray());
        Assert.Equal([1, 3, 5], words.WordsOf(1).ToArray());
    }

    [Fact]
    public void Builder_BeyondCapacity_KeepsEveryCheckIn()
    {
        var builder = new CheckInWords.Builder(1);
        for (var i = 0; i < 100; i++)
        {
            builder.Add(Monday.AddDays(i), [i, i + 1, i + 2, i + 3, i + 4]);
        }
        var words = builder.Build();
        Assert.Equal(100, words.Count);
        Assert.Equal(500, words.WordMentionCount);
        Assert.Equal([99, 100, 101, 102, 103], words.WordsOf(99).ToArray());
        Assert.Equal(Monday.AddDays(42), words.Dates[42]);
    }

    [Fact]
    public void Builder_AfterBuild_Throws()
    {
        var builder = new CheckInWords.Builder();
        builder.Build();
        Assert.Throws<InvalidOperationException>(() => builder.Add(Monday, [1]));
        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    private static CheckInWords Build(List<(DateOnly Date, int[] Words)> rows)
    {
        var builder = new CheckInWords.Builder(rows.Count);
        foreach (var (date, words) in rows)
        {
            builder.Add(date, words);
        }
        return builder.Build();
    }
}
