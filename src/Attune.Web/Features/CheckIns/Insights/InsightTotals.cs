using Attune.Analysis.CheckIns;

namespace Attune.Web.Features.CheckIns.Insights;

/// <summary>
/// The running totals of <see cref="CheckInInsights"/>: each check-in is added once (O(1) work for its state, day,
/// hour, words, body pairs and tags, in flat arrays), then <see cref="Finish"/> sums days into weeks and months and
/// asks Attune.Analysis for the statistics.
/// </summary>
internal sealed class InsightTotals : IDisposable
{
    private const int States = CheckInInsights.States;
    private const int Bands = CheckInInsights.Bands;

    private readonly DateOnly _from;
    private readonly DateOnly _to;
    private readonly int _dayCount;
    private readonly WordTable _words;
    private readonly ContextTags _tags = new();
    private readonly DayTotals _days;
    private readonly int[] _rhythm = new int[7 * Bands * States];
    private readonly int[] _stateTotals = new int[States];
    private readonly int[] _regionStates;
    private readonly int[] _regionSensationStates;
    private readonly int[] _withBody = new int[States];
    private readonly int[] _rowWords = new int[CheckInRules.MaxEmotions];
    private readonly CheckInWords.Builder _builder = new(1024);
    private int[] _wordStates;
    private int[] _tagCounts = new int[64];
    private int[] _tagStates = new int[64 * States];
    private int[] _rowTags = new int[16];
    private int _total;

    public InsightTotals(DateOnly from, DateOnly to, IEnumerable<EmotionWord> ownWords)
    {
        if (to < from)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(to));
        }
        _from = from;
        _to = to;
        _dayCount = to.DayNumber - from.DayNumber + 1;
        _days = new DayTotals(_dayCount);
        _words = new WordTable(ownWords);
        _wordStates = new int[(_words.Count + 16) * States];
        _regionStates = new int[BodyIndex.Regions.Count * States];
        _regionSensationStates = new int[BodyIndex.Regions.Count * BodyIndex.Sensations.Count * States];
    }

    /// <summary>Counts one check-in; one outside the period is ignored.</summary>
    public void Add(in InsightRow row)
    {
        var day = row.LocalDate.DayNumber - _from.DayNumber;
        if ((uint)day >= (uint)_dayCount)
        {
            return;
        }
        var s = (int)row.State;
        _total++;
        _stateTotals[s]++;
        _days.States[day * States + s]++;
        _days.Intensity[day] += row.Intensity;
        var weekday = row.LocalDate.DayNumber % 7;
        var band = Math.Clamp(row.LocalMinute, 0, 1439) / (CheckInInsights.BandHours * 60);
        _rhythm[(weekday * Bands + band) * States + s]++;

        var rowWords = _rowWords.AsSpan();
        var wordCount = CheckInInsights.ReadWords(row.Emotions, _words, rowWords);
        if (_words.Count * States > _wordStates.Length)
        {
            Array.Resize(ref _wordStates, 2 * _words.Count * States);
        }
        double pleasantness = 0, energy = 0;
        var rated = 0;
        foreach (var w in rowWords[..wordCount])
        {
            _wordStates[w * States + s]++;
            var p = _words.Pleasantness[w];
            if (!double.IsNaN(p))
            {
                pleasantness += p;
                energy += _words.Energy[w];
                rated++;
            }
        }
        if (rated > 0)
        {
            _days.Rated[day]++;
            _days.Pleasantness[day] += pleasantness / rated;
            _days.Energy[day] += energy / rated;
        }
        _builder.Add(row.LocalDate, rowWords[..wordCount]);

        if (row.Body.Length > 0 && CheckInInsights.CountBody(row.Body, s, _regionStates, _regionSensationStates, BodyIndex.Sensations.Count))
        {
            _withBody[s]++;
        }

        var tagCount = _tags.Read(row.Context, ref _rowTags);
        if (_tags.Count > _tagCounts.Length)
        {
            Array.Resize(ref _tagCounts, 2 * _tags.Count);
            Array.Resize(ref _tagStates, 2 * _tags.Count * States);
        }
        foreach (var t in _rowTags.AsSpan(0, tagCount))
        {
            _tagCounts[t]++;
            _tagStates[t * States + s]++;
        }
    }

    public InsightsDto Finish() => new(
        _from,
        _to,
        _total,
        CheckInInsights.Counts(_stateTotals),
        new TimelineDto(_days.ByDay(_from), _days.ByWeek(_from), _days.ByMonth(_from)),
        CheckInInsights.Rhythm(_rhythm),
        CheckInInsights.TopWordsPerState(_words, _wordStates, _stateTotals),
        CheckInInsights.BodyPerState(_regionStates, _regionSensationStates, _withBody, _stateTotals),
        CheckInInsights.Associations(_tags, _tagCounts, _tagStates, _stateTotals, _total),
        CheckInInsights.Granularity(_builder.Build(), _words, _wordStates));

    public void Dispose() => _tags.Dispose();
}
