using System.Buffers;

namespace Attune.Analysis.CheckIns;

/// <summary>
/// Emotion-word use in one ISO week (Monday to Sunday in the person's time zone).
/// </summary>
/// <param name="WeekStart">The Monday that starts the week.</param>
/// <param name="IsoYear">ISO 8601 week-numbering year (the calendar year of the week's Thursday).</param>
/// <param name="IsoWeek">ISO 8601 week number, 1–53.</param>
/// <param name="CheckIns">Check-ins dated in the week.</param>
/// <param name="WordMentions">M: words named, each word once per check-in.</param>
/// <param name="DistinctWords">D: different words named.</param>
/// <param name="EntropyBits">Shannon entropy of the week's word distribution, bits; 0 with one
/// distinct word; null when no word was named (M = 0).</param>
/// <param name="NormalizedEntropy">EntropyBits / log₂ D, in [0, 1] (Pielou's evenness); null when D &lt; 2.</param>
public sealed record GranularityWeek(
    DateOnly WeekStart,
    int IsoYear,
    int IsoWeek,
    int CheckIns,
    int WordMentions,
    int DistinctWords,
    double? EntropyBits,
    double? NormalizedEntropy);

/// <summary>
/// Granularity of emotion-word use per ISO week: how many different words a person uses, and how
/// evenly (Shannon entropy of the word distribution).
/// </summary>
public static class WordEntropy
{
    /// <summary>
    /// One <see cref="GranularityWeek"/> per ISO week that has at least one check-in, in date order;
    /// weeks without check-ins are not listed (they are not zero weeks).
    /// </summary>
    /// <remarks>
    /// <para><b>Weeks.</b> ISO 8601: weeks start on Monday; week 1 is the one holding the year's first
    /// Thursday, so 29 December to 3 January may belong to the neighbouring year's week. Dates are
    /// taken as given (already local to the person); no time-zone arithmetic happens here.</para>
    /// <para><b>Counting.</b> A check-in naming k distinct words adds 1 to each of them (not 1/k): the
    /// distribution is over word mentions, and a word repeated within one check-in counts once. With
    /// cᵥ mentions of word v, M = Σcᵥ and pᵥ = cᵥ/M:</para>
    /// <para>H = −Σ pᵥ log₂ pᵥ = log₂ M − (1/M) Σ cᵥ log₂ cᵥ bits (Shannon 1948), the plug-in (maximum
    /// likelihood) estimator, which is biased low for small M; it is not corrected (Miller–Madow or
    /// otherwise) because the trend compares weeks of a similar size and the plain value is the one a
    /// person can check. H ranges from 0 (one word) to log₂ D (D words used equally often).</para>
    /// <para>Normalised entropy J = H / log₂ D (Pielou 1966), not computable with fewer than two
    /// distinct words (log₂ 1 = 0), and null then.</para>
    /// <para><b>Caveat shown with it.</b> D grows with the number of check-ins in the week, so a rise
    /// in distinct words can mean more check-ins rather than finer words; J does not grow with M in this
    /// way. Both are shown with the week's check-in count.</para>
    /// <para><b>Cost.</b> O(n + W) for n check-ins and W word mentions in date order (O(n log n) more
    /// when they are not: they are sorted by week first). Word ids are mapped once to dense indices,
    /// each week's mentions are counted in one pooled array, and only the words used that week are
    /// visited. No per-check-in allocation. The same check-ins in another order give the same counts,
    /// and the same entropy up to the rounding of a differently ordered sum (about 1e-15).</para>
    /// <para>References: Shannon CE (1948) A mathematical theory of communication. Bell System
    /// Technical Journal 27:379–423. Pielou EC (1966) The measurement of diversity in different types of
    /// biological collections. Journal of Theoretical Biology 13:131–144. ISO 8601-1:2019, 3.1.1.23
    /// (calendar week).</para>
    /// </remarks>
    public static GranularityWeek[] PerWeek(CheckInWords checkIns)
    {
        ArgumentNullException.ThrowIfNull(checkIns);
        var n = checkIns.Count;
        if (n == 0)
        {
            return [];
        }
        var dates = checkIns.Dates;
        var offsets = checkIns.Offsets;
        var order = ChronologicalOrder(dates);

        var pool = ArrayPool<int>.Shared;
        var mentions = checkIns.Words.Length;
        var wordIndex = pool.Rent(Math.Max(1, mentions));
        var wordCount = DenseWordIndices(checkIns.Words, wordIndex);
        var counts = pool.Rent(wordCount);
        var touched = pool.Rent(Math.Max(1, wordCount));
        Array.Clear(counts, 0, wordCount);
        var weeks = new List<GranularityWeek>();
        try
        {
            var position = 0;
            while (position < n)
            {
                var week = WeekIndex(dates[order is null ? position : order[position]]);
                var checkInsInWeek = 0;
                var mentionsInWeek = 0;
                var distinct = 0;
                while (position < n)
                {
                    var index = order is null ? position : order[position];
                    if (WeekIndex(dates[index]) != week)
                    {
                        break;
                    }
                    for (var m = offsets[index]; m < offsets[index + 1]; m++)
                    {
                        var w = wordIndex[m];
                        if (counts[w]++ == 0)
                        {
                            touched[distinct++] = w;
                        }
                    }
                    mentionsInWeek += offsets[index + 1] - offsets[index];
                    checkInsInWeek++;
                    position++;
                }
                double sumCLogC = 0;
                foreach (var w in touched.AsSpan(0, distinct))
                {
                    sumCLogC += CLog2C(counts[w]);
                    counts[w] = 0;
                }
                weeks.Add(Summarise(week, checkInsInWeek, mentionsInWeek, distinct, sumCLogC));
            }
        }
        finally
        {
            pool.Return(wordIndex);
            pool.Return(counts);
            pool.Return(touched);
        }
        return weeks.ToArray();
    }

    /// <summary>Days since 0001-01-01 (a Monday) divided by 7: the same number for every day of one Monday-to-Sunday week.</summary>
    internal static int WeekIndex(DateOnly date) => date.DayNumber / 7;

    /// <summary>Null when the check-ins are already in week order (the usual case), else the indices sorted by week.</summary>
    private static int[]? ChronologicalOrder(ReadOnlySpan<DateOnly> dates)
    {
        for (var i = 1; i < dates.Length; i++)
        {
            if (WeekIndex(dates[i]) < WeekIndex(dates[i - 1]))
            {
                var keys = new int[dates.Length];
                var order = new int[dates.Length];
                for (var j = 0; j < dates.Length; j++)
                {
                    keys[j] = WeekIndex(dates[j]);
                    order[j] = j;
                }
                Array.Sort(keys, order);
                return order;
            }
        }
        return null;
    }

    /// <summary>
    /// Writes for each mention a word index in 0 … V − 1 and returns V (the range of indices). Ids
    /// within a compact range (the usual database keys) map to id − min directly; scattered ids go
    /// through a dictionary once.
    /// </summary>
    private static int DenseWordIndices(ReadOnlySpan<int> words, int[] wordIndex)
    {
        if (words.IsEmpty)
        {
            return 1;
        }
        int min = words[0], max = words[0];
        foreach (var id in words)
        {
            min = Math.Min(min, id);
            max = Math.Max(max, id);
        }
        var range = (long)max - min + 1;
        if (range <= Math.Max(1 << 16, 2L * words.Length))
        {
            for (var m = 0; m < words.Length; m++)
            {
                wordIndex[m] = words[m] - min;
            }
            return (int)range;
        }
        var map = new Dictionary<int, int>();
        for (var m = 0; m < words.Length; m++)
        {
            if (!map.TryGetValue(words[m], out var index))
            {
                index = map.Count;
                map.Add(words[m], index);
            }
            wordIndex[m] = index;
        }
        return map.Count;
    }

    private static readonly double[] SmallCLog2C = BuildSmallCLog2C();

    private static double[] BuildSmallCLog2C()
    {
        var table = new double[256];
        for (var c = 2; c < table.Length; c++)
        {
            table[c] = c * Math.Log2(c);
        }
        return table;
    }

    private static double CLog2C(int c) => c < SmallCLog2C.Length ? SmallCLog2C[c] : c * Math.Log2(c);

    private static GranularityWeek Summarise(int weekIndex, int checkIns, int mentions, int distinct, double sumCLogC)
    {
        var monday = DateOnly.FromDayNumber(weekIndex * 7);
        var thursday = monday.AddDays(3);
        var isoWeek = (thursday.DayOfYear - 1) / 7 + 1;
        double? entropy = null;
        double? normalized = null;
        if (mentions > 0)
        {
            double m = mentions;
            // log₂ M − Σc log₂ c / M can come out a few ulps below 0 for a single word; it is 0 then.
            entropy = distinct == 1 ? 0 : Math.Max(0, Math.Log2(m) - sumCLogC / m);
            if (distinct >= 2)
            {
                normalized = Math.Min(1, entropy.Value / Math.Log2(distinct));
            }
        }
        return new GranularityWeek(monday, thursday.Year, isoWeek, checkIns, mentions, distinct, entropy, normalized);
    }
}
