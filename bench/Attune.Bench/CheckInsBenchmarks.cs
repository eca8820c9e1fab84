using Attune.Analysis.CheckIns;
using BenchmarkDotNet.Attributes;

namespace Attune.Bench;

/// <summary>
/// Insights over one person's whole history: 36,500 check-ins (10 years × 10 a day) naming 1–5 words
/// each (3 on average) from 180 words. Target: the granularity measures in well under 10 ms.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class CheckInsBenchmarks
{
    private const int CheckInCount = 36_500;
    private DateOnly[] _dates = [];
    private int[][] _words = [];
    private CheckInWords _checkIns = new CheckInWords.Builder().Build();
    private TagStateCounts[] _tables = [];
    private EmotionRatings _ratings = EmotionRatings.Create([0, 0], 2);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var first = new DateOnly(2016, 1, 1);
        _dates = new DateOnly[CheckInCount];
        _words = new int[CheckInCount][];
        for (var i = 0; i < CheckInCount; i++)
        {
            _dates[i] = first.AddDays(i / 10);
            var words = new int[1 + random.Next(0, 5)];
            for (var k = 0; k < words.Length; k++)
            {
                // Skewed towards a few favourite words, as real use is.
                words[k] = (int)(180 * Math.Pow(random.NextDouble(), 2));
            }
            _words[i] = words;
        }
        _checkIns = BuildCheckIns();

        // 60 tags × 3 states.
        _tables = new TagStateCounts[180];
        for (var t = 0; t < _tables.Length; t++)
        {
            var withTag = 5 + random.Next(0, 5000);
            var withoutTag = CheckInCount - withTag;
            _tables[t] = new TagStateCounts(random.Next(0, withTag / 2), withTag, random.Next(1, withoutTag / 2), withoutTag);
        }

        var ratings = new double[CheckInCount * 5];
        for (var i = 0; i < ratings.Length; i++)
        {
            ratings[i] = random.Next(0, 11);
        }
        _ratings = EmotionRatings.Create(ratings, 5);
    }

    private CheckInWords BuildCheckIns()
    {
        var builder = new CheckInWords.Builder(CheckInCount);
        for (var i = 0; i < CheckInCount; i++)
        {
            builder.Add(_dates[i], _words[i]);
        }
        return builder.Build();
    }

    /// <summary>What an insights request does: build the input, weekly granularity, both trends.</summary>
    [Benchmark(Baseline = true)]
    public GranularityTrend BuildWeeklyAndTrend() => GranularityTrend.Compute(WordEntropy.PerWeek(BuildCheckIns()));

    [Benchmark]
    public GranularityWeek[] WeeklyGranularity() => WordEntropy.PerWeek(_checkIns);

    [Benchmark]
    public int LiftFor180TagStatePairs()
    {
        var computed = 0;
        foreach (var table in _tables)
        {
            if (Lift.Compute(table).Estimate.IsComputed)
            {
                computed++;
            }
        }
        return computed;
    }

    [Benchmark]
    public Statistic<EmotionDifferentiation> DifferentiationFiveEmotions() => EmotionDifferentiation.Compute(_ratings);
}
