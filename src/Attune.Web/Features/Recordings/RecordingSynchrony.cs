using System.Globalization;
using Attune.Analysis;
using Attune.Analysis.Synchrony;
using Attune.Web.Data;
using Attune.Web.Features.Sharing;

namespace Attune.Web.Features.Recordings;

/// <summary>
/// Windowed lagged cross-correlation of two people's heart rate (Boker et al. 2002, via
/// <see cref="WindowedSynchrony"/>), shaped into a heat map a page can draw and a summary in words.
/// </summary>
public static class RecordingSynchrony
{
    private const int MaxColumns = 160;

    /// <summary>What comparing two recordings came to: the result, a reason it can't be done, or not found.</summary>
    public abstract record Outcome
    {
        public sealed record Compared(SynchronyDto Result, RecordingDto A, RecordingDto B) : Outcome;

        public sealed record CannotCompare(string Reason) : Outcome;

        /// <summary>One or both analyses are still queued or running; ask again shortly.</summary>
        public sealed record Pending : Outcome;

        public sealed record NotFound : Outcome;
    }

    /// <summary>
    /// Compares two recordings the reader may see (their own, or shared with them): the one operation
    /// behind the together page and <c>GET /api/v1/recordings/{id}/synchrony</c>, with one set of checks and words.
    /// </summary>
    public static async Task<Outcome> CompareAsync(
        Access access, AttuneDb db, RecordingAnalyses analyses, Guid reader, Guid idA, Guid idB, CancellationToken cancel)
    {
        var a = await RecordingReads.FindAsync(access, db, reader, idA, cancel);
        var b = await RecordingReads.FindAsync(access, db, reader, idB, cancel);
        if (a is null || b is null)
        {
            return new Outcome.NotFound();
        }
        if (idA == idB)
        {
            return new Outcome.CannotCompare("Please choose two different recordings.");
        }
        var first = await analyses.LookupAsync(access, reader, idA, analyses.RequestWait, cancel);
        var second = await analyses.LookupAsync(access, reader, idB, analyses.RequestWait, cancel);
        if (first is AnalysisLookup.NotFound || second is AnalysisLookup.NotFound)
        {
            return new Outcome.NotFound();
        }
        if (first is not AnalysisLookup.Ready { Result: var x } || second is not AnalysisLookup.Ready { Result: var y })
        {
            return new Outcome.Pending();
        }
        if (x.HeartRate is null || y.HeartRate is null)
        {
            return new Outcome.CannotCompare("One of these recordings has no heartbeats we could use.");
        }
        var (result, problem) = Run(idA, a.Name, x.HeartRate, idB, b.Name, y.HeartRate);
        return result is not null ? new Outcome.Compared(result, a, b) : new Outcome.CannotCompare(problem!);
    }

    public static (SynchronyDto? Result, string? Problem) Run(Guid idA, string nameA, TimedSignal a, Guid idB, string nameB, TimedSignal b)
    {
        if (a.Count < 2 || b.Count < 2)
        {
            return (null, "Both recordings need heartbeats to compare.");
        }
        CommonGridSeries grid;
        WindowedSynchronyResult result;
        var options = WindowedCrossCorrelationOptions.Default;
        try
        {
            grid = CommonGrid.Resample(a, b);
            if (grid.DurationS < options.WindowS + 2 * options.MaxLagS)
            {
                return (null, "These two recordings overlap for less than a minute, which is too short to compare.");
            }
            result = WindowedSynchrony.Analyze(grid, options, surrogateCount: SurrogatesFor(grid.DurationS));
        }
        catch (InsufficientDataException e)
        {
            return (null, e.Reason switch
            {
                InsufficientDataReason.NoCommonClock => "Only one of these recordings has clock times, so we can't line them up. Please compare two recordings that both have timestamps, or both have none.",
                InsufficientDataReason.NoOverlap => "These two recordings don't overlap in time, so there is nothing to compare.",
                _ => "These two recordings don't have enough heartbeats in common to compare.",
            });
        }
        var m = result.Matrix;
        var columns = Math.Min(MaxColumns, m.WindowCount);
        var lags = new double[m.LagCount];
        for (var l = 0; l < m.LagCount; l++)
        {
            lags[l] = m.LagS(l);
        }
        var columnTimes = new double[columns];
        var r = new double?[m.LagCount][];
        var peakLag = new double?[columns];
        for (var l = 0; l < m.LagCount; l++)
        {
            r[l] = new double?[columns];
        }
        for (var c = 0; c < columns; c++)
        {
            var from = (int)((long)c * m.WindowCount / columns);
            var to = Math.Max(from + 1, (int)((long)(c + 1) * m.WindowCount / columns));
            columnTimes[c] = (m.WindowCentreS(from) + m.WindowCentreS(to - 1)) / 2;
            for (var l = 0; l < m.LagCount; l++)
            {
                double sum = 0;
                var n = 0;
                for (var j = from; j < to; j++)
                {
                    var v = m.Values[l * m.WindowCount + j];
                    if (double.IsFinite(v))
                    {
                        sum += v;
                        n++;
                    }
                }
                r[l][c] = n == 0 ? null : sum / n;
            }
            double lagSum = 0;
            var peaks = 0;
            for (var j = from; j < to; j++)
            {
                if (double.IsFinite(result.Peaks.PeakLagS[j]))
                {
                    lagSum += result.Peaks.PeakLagS[j];
                    peaks++;
                }
            }
            peakLag[c] = peaks == 0 ? null : lagSum / peaks;
        }
        var verdict = ChanceVerdict.From(result.Surrogates);
        var s = result.Summary;
        var summary = new SynchronySummaryDto(Finite(s.MeanAbsR), Finite(s.MeanPeakR), Finite(s.MeanPeakLagS), Finite(s.ShareALeads),
            Finite(s.ShareBLeads), Finite(s.ShareInPhase), s.WindowsWithPeak, s.WindowsWithoutPeak, s.WindowsSkipped);
        var dto = new SynchronyDto(idA, idB, grid.AlignedOnWallClock, grid.DurationS, options.WindowS, options.MaxLagS, summary,
            new SynchronyHeatmapDto(lags, columnTimes, r, peakLag), "")
        {
            Chance = ToDto(verdict),
        };
        dto = dto with { PlainSummary = Describe(summary, nameA, nameB, grid.AlignedOnWallClock, verdict) };
        return (dto, null);
    }

    /// <summary>
    /// Shuffled pairings for the chance check: enough for a p-value of 0.01 on an hour, fewer on long recordings so
    /// the check stays within a few seconds (never below 39, the least that can show p &lt; 0.05).
    /// </summary>
    public static int SurrogatesFor(double overlapS) => (int)Math.Clamp(99 * 3600 / Math.Max(overlapS, 1), 39, 99);

    private static ChanceDto ToDto(ChanceVerdict v) => new(
        v.Outcome switch { ChanceOutcome.MoreThanChance => "moreThanChance", ChanceOutcome.NoMoreThanChance => "noMoreThanChance", _ => "notTested" },
        v.PValue, v.SurrogateCount, v.Level, v.Sentence);

    /// <summary>
    /// Warm, plain words for the summary, worded by the chance check: who changed first is only told when the two
    /// moved together more than shuffled pairings of the same data do. Never a statement about the couple.
    /// </summary>
    public static string Describe(SynchronySummaryDto s, string nameA, string nameB, bool aligned, ChanceVerdict verdict)
    {
        if (s.WindowsWithPeak == 0 || s.MeanPeakR is not { } peakR)
        {
            return "We couldn't find moments where the two heart rates clearly moved together. That can simply mean there was too little steady data.";
        }
        if (verdict.Outcome != ChanceOutcome.MoreThanChance)
        {
            var honest = new List<string> { verdict.Sentence };
            if (!aligned)
            {
                honest.Add("These files have no clock times, so we assumed both started at the same moment.");
            }
            return string.Join(' ', honest);
        }
        var parts = new List<string>();
        parts.Add(peakR switch
        {
            >= 0.5 => "Your two heart rates often rose and fell together, closely in step.",
            >= 0.3 => "Your two heart rates moved together at times, and went their own ways at others.",
            _ => "Your two heart rates mostly followed their own rhythms, with only loose moments of moving together.",
        });
        var a = s.ShareALeads ?? 0;
        var b = s.ShareBLeads ?? 0;
        var lag = Math.Abs(s.MeanPeakLagS ?? 0).ToString("0.#", CultureInfo.InvariantCulture);
        if (a - b > 0.1)
        {
            parts.Add($"When they moved together, {nameA} tended to change first and {nameB} followed, about {lag} seconds later on average ({Percent(a)} of the time).");
        }
        else if (b - a > 0.1)
        {
            parts.Add($"When they moved together, {nameB} tended to change first and {nameA} followed, about {lag} seconds later on average ({Percent(b)} of the time).");
        }
        else
        {
            parts.Add($"Neither of you clearly led: each changed first about as often as the other, and {Percent(s.ShareInPhase ?? 0)} of the time you changed at the same moment.");
        }
        if (!aligned)
        {
            parts.Add("These files have no clock times, so we assumed both started at the same moment.");
        }
        parts.Add(verdict.Sentence);
        parts.Add("This is one small trace of how two bodies respond to each other, not a measure of your relationship.");
        return string.Join(' ', parts);
    }

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
