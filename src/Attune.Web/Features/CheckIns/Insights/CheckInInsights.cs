using System.Runtime.InteropServices;
using Attune.Analysis.CheckIns;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.CheckIns.Insights;

/// <summary>
/// A person's own check-ins of a period turned into <see cref="InsightsDto"/>: one projected, untracked query, then
/// one pass over the rows. Everything is counted per day, state, word, body region and tag in flat arrays; weeks and
/// months are summed from the days, and the statistics come from Attune.Analysis (Wilson intervals, lift and risk
/// ratio, weekly word entropy and its trend). Local dates and minutes are the ones stored with each check-in, so a
/// check-in made while travelling stays on the day and hour it had where it was made.
/// </summary>
public static class CheckInInsights
{
    /// <summary>Widest period asked for at once.</summary>
    public const int MaxYears = 20;

    /// <summary>Period when none is given: the last 90 days, today included.</summary>
    public const int DefaultDays = 90;

    public const int BandHours = 4;

    public const int TopWords = 10;

    private const int States = 3;
    private const int Bands = 24 / BandHours;

    public static async Task<InsightsDto> ForAsync(Access access, Guid me, DateOnly from, DateOnly to, CancellationToken cancel)
    {
        var own = await access.Own<CustomEmotion>(me).AsNoTracking().ToListAsync(cancel);
        var rows = await RowsAsync(access, me, from, to, cancel);
        return Compute(CollectionsMarshal.AsSpan(rows), from, to, own.Select(CheckIns.ToWord));
    }

    /// <summary>The columns insights need of the person's check-ins in the period, in date order, untracked.</summary>
    public static Task<List<InsightRow>> RowsAsync(Access access, Guid me, DateOnly from, DateOnly to, CancellationToken cancel) =>
        access.Own<CheckIn>(me).AsNoTracking()
            .Where(c => c.LocalDate >= from && c.LocalDate <= to)
            .OrderBy(c => c.LocalDate)
            .Select(c => new InsightRow(c.LocalDate, c.LocalMinute, c.State, c.Intensity, c.Emotions, c.Body, c.Context))
            .ToListAsync(cancel);

    /// <summary>
    /// Everything from rows already read. Rows outside [<paramref name="from"/>, <paramref name="to"/>] are ignored;
    /// any order works (dates in order save one sort in the weekly granularity).
    /// </summary>
    public static InsightsDto Compute(ReadOnlySpan<InsightRow> rows, DateOnly from, DateOnly to, IEnumerable<EmotionWord> ownWords)
    {
        if (to < from)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(to));
        }
        var words = new WordTable(ownWords);
        using var tags = new ContextTags();
        var dayCount = to.DayNumber - from.DayNumber + 1;
        var days = new DayTotals(dayCount);
        var rhythm = new int[7 * Bands * States];
        var stateTotals = new int[States];
        var wordStates = new int[(words.Count + 16) * States];
        var regionCount = BodyIndex.Regions.Count;
        var sensationCount = BodyIndex.Sensations.Count;
        var regionStates = new int[regionCount * States];
        var regionSensationStates = new int[regionCount * sensationCount * States];
        var withBody = new int[States];
        var tagCounts = new int[64];
        var tagStates = new int[64 * States];
        var rowTags = new int[16];
        var builder = new CheckInWords.Builder(rows.Length);
        Span<int> rowWords = stackalloc int[CheckInRules.MaxEmotions];
        var total = 0;

        foreach (ref readonly var row in rows)
        {
            var day = row.LocalDate.DayNumber - from.DayNumber;
            if ((uint)day >= (uint)dayCount)
            {
                continue;
            }
            var s = (int)row.State;
            total++;
            stateTotals[s]++;
            days.States[day * States + s]++;
            days.Intensity[day] += row.Intensity;
            var weekday = row.LocalDate.DayNumber % 7;
            var band = Math.Clamp(row.LocalMinute, 0, 1439) / (BandHours * 60);
            rhythm[(weekday * Bands + band) * States + s]++;

            var wordCount = ReadWords(row.Emotions, words, rowWords);
            if (words.Count * States > wordStates.Length)
            {
                Array.Resize(ref wordStates, 2 * words.Count * States);
            }
            double pleasantness = 0, energy = 0;
            var rated = 0;
            foreach (var w in rowWords[..wordCount])
            {
                wordStates[w * States + s]++;
                var p = words.Pleasantness[w];
                if (!double.IsNaN(p))
                {
                    pleasantness += p;
                    energy += words.Energy[w];
                    rated++;
                }
            }
            if (rated > 0)
            {
                days.Rated[day]++;
                days.Pleasantness[day] += pleasantness / rated;
                days.Energy[day] += energy / rated;
            }
            builder.Add(row.LocalDate, rowWords[..wordCount]);

            if (row.Body.Length > 0 && CountBody(row.Body, s, regionStates, regionSensationStates, sensationCount))
            {
                withBody[s]++;
            }

            var tagCount = tags.Read(row.Context, ref rowTags);
            if (tags.Count > tagCounts.Length)
            {
                Array.Resize(ref tagCounts, 2 * tags.Count);
                Array.Resize(ref tagStates, 2 * tags.Count * States);
            }
            foreach (var t in rowTags.AsSpan(0, tagCount))
            {
                tagCounts[t]++;
                tagStates[t * States + s]++;
            }
        }

        var checkInWords = builder.Build();
        return new InsightsDto(
            from,
            to,
            total,
            Counts(stateTotals),
            new TimelineDto(days.ByDay(from), days.ByWeek(from), days.ByMonth(from)),
            Rhythm(rhythm),
            TopWordsPerState(words, wordStates, stateTotals),
            BodyPerState(regionStates, regionSensationStates, withBody, stateTotals),
            Associations(tags, tagCounts, tagStates, stateTotals, total),
            Granularity(checkInWords, words, wordStates));
    }

    /// <summary>The distinct known-or-not word numbers of a stored comma list, at most <see cref="CheckInRules.MaxEmotions"/>.</summary>
    private static int ReadWords(string stored, WordTable words, Span<int> into)
    {
        var count = 0;
        foreach (var range in stored.AsSpan().Split(','))
        {
            var id = stored.AsSpan()[range];
            if (id.IsEmpty || count == into.Length)
            {
                continue;
            }
            var w = words.IndexOf(id);
            if (into[..count].IndexOf(w) < 0)
            {
                into[count++] = w;
            }
        }
        return count;
    }

    /// <summary>Adds one check-in's "region:sensation" pairs; true when it marked anything known.</summary>
    private static bool CountBody(string stored, int s, int[] regionStates, int[] regionSensationStates, int sensationCount)
    {
        ulong regionsSeen = 0;
        var any = false;
        foreach (var range in stored.AsSpan().Split(','))
        {
            var pair = stored.AsSpan()[range];
            var colon = pair.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var r = BodyIndex.Region(pair[..colon]);
            var x = BodyIndex.Sensation(pair[(colon + 1)..]);
            if (r < 0 || x < 0)
            {
                continue;
            }
            any = true;
            regionSensationStates[(r * sensationCount + x) * States + s]++;
            // Regions number fewer than 64; a region with two sensations counts once for the region.
            var bit = 1UL << r;
            if ((regionsSeen & bit) == 0)
            {
                regionsSeen |= bit;
                regionStates[r * States + s]++;
            }
        }
        return any;
    }

    internal static StateCountsDto Counts(ReadOnlySpan<int> perState) => new(perState[0], perState[1], perState[2]);

    internal static string DominantState(ReadOnlySpan<int> perState)
    {
        var best = 0;
        for (var s = 1; s < States; s++)
        {
            if (perState[s] > perState[best])
            {
                best = s;
            }
        }
        for (var s = 0; s < States; s++)
        {
            if (s != best && perState[s] == perState[best])
            {
                return "mixed";
            }
        }
        return StateNames.Of((NervousState)best);
    }

    private static RhythmDto Rhythm(int[] rhythm)
    {
        var cells = new RhythmCellDto[7 * Bands];
        for (var d = 0; d < 7; d++)
        {
            for (var b = 0; b < Bands; b++)
            {
                var at = (d * Bands + b) * States;
                var perState = rhythm.AsSpan(at, States);
                cells[d * Bands + b] = new RhythmCellDto(d + 1, b * BandHours, perState[0] + perState[1] + perState[2], Counts(perState));
            }
        }
        return new RhythmDto(BandHours, cells);
    }

    private static StateWordsDto[] TopWordsPerState(WordTable words, int[] wordStates, int[] stateTotals)
    {
        var result = new StateWordsDto[States];
        for (var s = 0; s < States; s++)
        {
            var used = new List<int>();
            for (var w = 0; w < words.Count; w++)
            {
                if (wordStates[w * States + s] > 0)
                {
                    used.Add(w);
                }
            }
            var state = s;
            used.Sort((a, b) =>
            {
                var byCount = wordStates[b * States + state].CompareTo(wordStates[a * States + state]);
                return byCount != 0 ? byCount : string.CompareOrdinal(words.Names[a], words.Names[b]);
            });
            var top = used.Take(TopWords).Select(w => new WordCountDto(words.Ids[w], words.Names[w], wordStates[w * States + state])).ToArray();
            result[s] = new StateWordsDto(StateNames.Of((NervousState)s), stateTotals[s], top);
        }
        return result;
    }

    private static StateBodyDto[] BodyPerState(int[] regionStates, int[] regionSensationStates, int[] withBody, int[] stateTotals)
    {
        var regions = BodyIndex.Regions;
        var sensations = BodyIndex.Sensations;
        var result = new StateBodyDto[States];
        for (var s = 0; s < States; s++)
        {
            var list = new List<BodyRegionCountDto>();
            for (var r = 0; r < regions.Count; r++)
            {
                var count = regionStates[r * States + s];
                if (count == 0)
                {
                    continue;
                }
                var felt = new List<BodySensationCountDto>();
                for (var x = 0; x < sensations.Count; x++)
                {
                    var n = regionSensationStates[(r * sensations.Count + x) * States + s];
                    if (n > 0)
                    {
                        felt.Add(new BodySensationCountDto(sensations[x].Id, sensations[x].Name, n));
                    }
                }
                list.Add(new BodyRegionCountDto(regions[r].Id, regions[r].Name, count,
                    [.. felt.OrderByDescending(f => f.CheckIns).ThenBy(f => f.Name, StringComparer.Ordinal)]));
            }
            result[s] = new StateBodyDto(StateNames.Of((NervousState)s), stateTotals[s], withBody[s],
                [.. list.OrderByDescending(r => r.CheckIns).ThenBy(r => r.Name, StringComparer.Ordinal)]);
        }
        return result;
    }

    private static AssociationsDto Associations(ContextTags tags, int[] tagCounts, int[] tagStates, int[] stateTotals, int total)
    {
        var vocabulary = CheckInVocabulary.Instance;
        var list = new List<(int Category, TagAssociationDto Tag)>();
        for (var t = 0; t < tags.Count; t++)
        {
            var key = tags.Keys[t];
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            var category = key[..colon];
            var tag = key[(colon + 1)..];
            var name = vocabulary.TagById.TryGetValue(key, out var builtIn) ? builtIn.Name : tag;
            var withTag = tagCounts[t];
            var states = new StateAssociationDto[States];
            for (var s = 0; s < States; s++)
            {
                var a = tagStates[t * States + s];
                var counts = new TagStateCounts(a, withTag, stateTotals[s] - a, total - withTag);
                states[s] = Association(StateNames.Of((NervousState)s), Lift.Compute(counts));
            }
            list.Add((Array.IndexOf(ContextTags.Categories, category), new TagAssociationDto(category, tag, name, withTag, total - withTag, states)));
        }
        var ordered = list.OrderBy(x => x.Category).ThenByDescending(x => x.Tag.WithTag).ThenBy(x => x.Tag.Name, StringComparer.Ordinal)
            .Select(x => x.Tag).ToArray();
        return new AssociationsDto(Lift.DefaultMinimumPerGroup, Lift.DefaultMinimumPerGroup, ProportionInterval.DefaultConfidence, ordered);
    }

    private static StateAssociationDto Association(string state, LiftResult result)
    {
        var c = result.Counts;
        if (!result.Estimate.IsComputed)
        {
            return new StateAssociationDto(state, c.StateWithTag, c.StateWithoutTag, null, null, null, null, null, NotComputable(result.Estimate.Shortfall), null);
        }
        var e = result.Estimate.Value;
        return new StateAssociationDto(
            state,
            c.StateWithTag,
            c.StateWithoutTag,
            Proportion(e.StateGivenTag),
            Proportion(e.StateGivenNoTag),
            e.StateOverall,
            e.Lift.IsComputed ? Ratio(e.Lift.Value) : null,
            e.RiskRatio.IsComputed ? Ratio(e.RiskRatio.Value) : null,
            null,
            e.RiskRatio.IsComputed ? null : NotComputable(e.RiskRatio.Shortfall));
    }

    private static ProportionDto Proportion(ProportionInterval p) => new(p.Successes, p.Trials, p.Proportion, p.Lower, p.Upper);

    private static RatioDto Ratio(RatioInterval r) => new(r.Estimate, r.Lower, r.Upper);

    internal static NotComputableDto NotComputable(Shortfall s) =>
        new(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.Reason.ToString()), s.Required, s.Available);

    private static GranularityDto Granularity(CheckInWords checkIns, WordTable words, int[] wordStates)
    {
        var weeks = WordEntropy.PerWeek(checkIns);
        var trend = GranularityTrend.Compute(weeks);
        var distinct = 0;
        for (var w = 0; w < words.Count; w++)
        {
            if (wordStates[w * States] + wordStates[w * States + 1] + wordStates[w * States + 2] > 0)
            {
                distinct++;
            }
        }
        return new GranularityDto(
            distinct,
            checkIns.WordMentionCount,
            [.. weeks.Select(w => new GranularityWeekDto(w.WeekStart, w.IsoYear, w.IsoWeek, w.CheckIns, w.WordMentions, w.DistinctWords, w.EntropyBits, w.NormalizedEntropy))],
            Trend(trend.DistinctWordsPerWeek, weeks.Length),
            Trend(trend.EntropyBitsPerWeek, weeks.Count(w => w.EntropyBits is not null)));
    }

    private static TrendDto Trend(Statistic<LinearTrend> trend, int weeks) =>
        trend.IsComputed
            ? new TrendDto(trend.Value.Slope, trend.Value.Lower, trend.Value.Upper, trend.Value.Points, null)
            : new TrendDto(null, null, null, weeks, NotComputable(trend.Shortfall));
}
