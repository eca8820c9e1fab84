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

    internal const int States = 3;
    internal const int Bands = 24 / BandHours;

    /// <summary>
    /// Reads the rows as they arrive from the database and adds each to the totals, so no list of 36,500 rows (and no
    /// large-object-heap array) is built; each row's strings are garbage as soon as it is counted.
    /// </summary>
    public static async Task<InsightsDto> ForAsync(Access access, Guid me, DateOnly from, DateOnly to, CancellationToken cancel)
    {
        var own = await access.Own<CustomEmotion>(me).AsNoTracking().ToListAsync(cancel);
        using var totals = new InsightTotals(from, to, own.Select(CheckIns.ToWord));
        await ReadAsync(access, me, from, to, totals.Add, cancel);
        return totals.Finish();
    }

    /// <summary>
    /// Hands each row of <see cref="Rows"/> to <paramref name="add"/>, read from EF Core's own command with a plain data
    /// reader: EF Core's materialisation of 36,500 projected rows (its state converter, DateOnly and the async
    /// enumerator per row) cost as much CPU as the database's part of the read.
    /// </summary>
    public static Task ReadAsync(Access access, Guid me, DateOnly from, DateOnly to, InsightRowSink add, CancellationToken cancel) =>
        access.ReadOwnAsync(Rows(access, me, from, to), async (reader, token) =>
        {
            var columns = new InsightColumns(reader);
            while (await reader.ReadAsync(token))
            {
                add(columns.Read(reader));
            }
        }, cancel);

    /// <summary>The columns insights need of the person's check-ins in the period, in date order, untracked: one query.</summary>
    public static IQueryable<InsightRow> Rows(Access access, Guid me, DateOnly from, DateOnly to) =>
        access.Own<CheckIn>(me).AsNoTracking()
            .Where(c => c.LocalDate >= from && c.LocalDate <= to)
            .OrderBy(c => c.LocalDate)
            .Select(c => new InsightRow(c.LocalDate, c.LocalMinute, c.State, c.Intensity, c.Emotions, c.Body, c.Context));

    /// <summary>
    /// Everything from rows already read. Rows outside [<paramref name="from"/>, <paramref name="to"/>] are ignored;
    /// any order works (dates in order save one sort in the weekly granularity).
    /// </summary>
    public static InsightsDto Compute(ReadOnlySpan<InsightRow> rows, DateOnly from, DateOnly to, IEnumerable<EmotionWord> ownWords)
    {
        using var totals = new InsightTotals(from, to, ownWords);
        foreach (ref readonly var row in rows)
        {
            totals.Add(row);
        }
        return totals.Finish();
    }

    /// <summary>The distinct known-or-not word numbers of a stored comma list, at most <see cref="CheckInRules.MaxEmotions"/>.</summary>
    internal static int ReadWords(string stored, WordTable words, Span<int> into)
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
    internal static bool CountBody(string stored, int s, int[] regionStates, int[] regionSensationStates, int sensationCount)
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

    internal static RhythmDto Rhythm(int[] rhythm)
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

    internal static StateWordsDto[] TopWordsPerState(WordTable words, int[] wordStates, int[] stateTotals)
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

    internal static StateBodyDto[] BodyPerState(int[] regionStates, int[] regionSensationStates, int[] withBody, int[] stateTotals)
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

    internal static AssociationsDto Associations(ContextTags tags, int[] tagCounts, int[] tagStates, int[] stateTotals, int total)
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

    internal static GranularityDto Granularity(CheckInWords checkIns, WordTable words, int[] wordStates)
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
