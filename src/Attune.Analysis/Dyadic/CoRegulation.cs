namespace Attune.Analysis.Dyadic;

/// <summary>A nervous-system state as a person reports it (Polyvagal Theory's three).</summary>
public enum ReportedState
{
    /// <summary>Ventral vagal: safe, able to listen.</summary>
    Connected,

    /// <summary>Sympathetic: fight or flight.</summary>
    Activated,

    /// <summary>Dorsal vagal: freeze or collapse.</summary>
    ShutDown,
}

/// <summary>One self-report: when (UTC) and which state.</summary>
public readonly record struct StateReport(DateTime At, ReportedState State);

/// <summary>
/// One stretch of activation: it began at <paramref name="ActivatedAt"/> and the person next reported feeling
/// connected <paramref name="MinutesToConnected"/> minutes later. <paramref name="PartnerConnected"/> says whether
/// the partner's latest report before it (within the window) was "connected".
/// </summary>
public sealed record SettlingEpisode(DateTime ActivatedAt, double MinutesToConnected, bool PartnerConnected);

/// <summary>How the index is computed; the defaults are the ones the app shows and documents.</summary>
/// <param name="PartnerWindow">How old the partner's latest report may be and still count as their state at that moment.</param>
/// <param name="MaxReturn">An activation with no connected report within this time is left out (unresolved), not counted as a long return.</param>
/// <param name="MinimumEpisodes">Episodes needed in each group before a ratio is given.</param>
/// <param name="BootstrapSamples">Resamples for the percentile interval.</param>
/// <param name="Confidence">Two-sided level of the interval.</param>
/// <param name="Seed">Seed of the resampling, so the same data always give the same interval.</param>
public sealed record CoRegulationOptions(
    TimeSpan PartnerWindow,
    TimeSpan MaxReturn,
    int MinimumEpisodes = 3,
    int BootstrapSamples = 2000,
    double Confidence = 0.9,
    int Seed = 20261205)
{
    /// <summary>A two-hour window for the partner's state and a day for the return.</summary>
    public static CoRegulationOptions Default { get; } = new(TimeSpan.FromHours(2), TimeSpan.FromHours(24));
}

/// <summary>
/// The co-regulation index for one person: the median minutes from activated back to connected when their
/// partner was not connected (or had not said), divided by the median when the partner was connected.
/// </summary>
/// <param name="Episodes">Every resolved episode, oldest first.</param>
/// <param name="Unresolved">Activations with no connected report within the limit, left out.</param>
/// <param name="MedianMinutesWithPartner">Median return with a connected partner; null with no such episode.</param>
/// <param name="MedianMinutesAlone">Median return otherwise; null with no such episode.</param>
/// <param name="Index">The ratio (above 1: back to connected sooner when the partner was connected); null when either group has fewer than the minimum episodes.</param>
/// <param name="Lower">Lower limit of the percentile bootstrap interval of <paramref name="Index"/>.</param>
/// <param name="Upper">Upper limit.</param>
/// <param name="Confidence">The interval's two-sided level.</param>
public sealed record CoRegulationIndex(
    IReadOnlyList<SettlingEpisode> Episodes,
    int Unresolved,
    double? MedianMinutesWithPartner,
    double? MedianMinutesAlone,
    double? Index,
    double? Lower,
    double? Upper,
    double Confidence)
{
    /// <summary>Episodes that began while the partner was connected.</summary>
    public int WithPartner => Episodes.Count(e => e.PartnerConnected);

    /// <summary>Episodes that began while the partner was not connected or had not said.</summary>
    public int Alone => Episodes.Count(e => !e.PartnerConnected);
}

/// <summary>
/// Co-regulation from paired check-ins: does a person settle faster when their partner is connected?
/// </summary>
/// <remarks>
/// <para>Episodes: a report of "activated" whose previous report (if any) was not "activated" starts one; it ends
/// at the person's next "connected" report. Reports of "shut down" in between do not end it. The partner's state
/// at the start is their latest report at or before it, if no older than <see cref="CoRegulationOptions.PartnerWindow"/>.</para>
/// <para>Index = median(alone) / median(with a connected partner), a ratio of medians because return times are
/// skewed and a few very long evenings should not decide it. The interval resamples each group with
/// replacement (percentile bootstrap, Efron &amp; Tibshirani 1993, ch. 13) with a fixed seed. Check-ins are
/// sparse and self-chosen, so the index describes these two people's reports, not a causal effect.</para>
/// <para>Related: Butler &amp; Randall (2013) Emotional coregulation in close relationships, Emotion Review 5(2):202–210;
/// Sbarra &amp; Hazan (2008) Coregulation, dysregulation, self-regulation, PSPR 12(2):141–167.</para>
/// </remarks>
public static class CoRegulation
{
    /// <summary>Computes the index for <paramref name="person"/> against <paramref name="partner"/>; inputs in any order.</summary>
    public static CoRegulationIndex Compute(
        IEnumerable<StateReport> person, IEnumerable<StateReport> partner, CoRegulationOptions? options = null)
    {
        var o = options ?? CoRegulationOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MinimumEpisodes, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.BootstrapSamples, 100, nameof(options));
        if (o.Confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), o.Confidence, "Confidence goes strictly between 0 and 1.");
        }
        var mine = person.OrderBy(r => r.At).ToArray();
        var theirs = partner.OrderBy(r => r.At).ToArray();
        var (episodes, unresolved) = Episodes(mine, theirs, o);

        var with = episodes.Where(e => e.PartnerConnected).Select(e => e.MinutesToConnected).ToArray();
        var alone = episodes.Where(e => !e.PartnerConnected).Select(e => e.MinutesToConnected).ToArray();
        double? medianWith = with.Length > 0 ? Median(with) : null;
        double? medianAlone = alone.Length > 0 ? Median(alone) : null;
        if (with.Length < o.MinimumEpisodes || alone.Length < o.MinimumEpisodes)
        {
            return new CoRegulationIndex(episodes, unresolved, medianWith, medianAlone, null, null, null, o.Confidence);
        }
        var index = Ratio(medianAlone!.Value, medianWith!.Value);
        var (lower, upper) = Bootstrap(alone, with, o);
        return new CoRegulationIndex(episodes, unresolved, medianWith, medianAlone, index, lower, upper, o.Confidence);
    }

    private static (List<SettlingEpisode> Episodes, int Unresolved) Episodes(StateReport[] mine, StateReport[] theirs, CoRegulationOptions o)
    {
        var episodes = new List<SettlingEpisode>();
        var unresolved = 0;
        for (var i = 0; i < mine.Length; i++)
        {
            if (mine[i].State != ReportedState.Activated || (i > 0 && mine[i - 1].State == ReportedState.Activated))
            {
                continue;
            }
            var start = mine[i].At;
            var end = Array.FindIndex(mine, i + 1, r => r.State == ReportedState.Connected);
            if (end < 0 || mine[end].At - start > o.MaxReturn)
            {
                unresolved++;
                continue;
            }
            episodes.Add(new SettlingEpisode(start, (mine[end].At - start).TotalMinutes, PartnerConnectedAt(theirs, start, o.PartnerWindow)));
        }
        return (episodes, unresolved);
    }

    private static bool PartnerConnectedAt(StateReport[] theirs, DateTime at, TimeSpan window)
    {
        // The latest report at or before the moment: a binary search over the sorted reports.
        int lo = 0, hi = theirs.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (theirs[mid].At <= at)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found >= 0 && at - theirs[found].At <= window && theirs[found].State == ReportedState.Connected;
    }

    /// <summary>A return of 0 minutes (two reports in the same minute) is floored at one minute so the ratio stays finite.</summary>
    private static double Ratio(double alone, double with) => Math.Max(alone, 1) / Math.Max(with, 1);

    private static (double Lower, double Upper) Bootstrap(double[] alone, double[] with, CoRegulationOptions o)
    {
        var random = new Random(o.Seed);
        var ratios = new double[o.BootstrapSamples];
        var a = new double[alone.Length];
        var w = new double[with.Length];
        for (var b = 0; b < ratios.Length; b++)
        {
            for (var k = 0; k < a.Length; k++)
            {
                a[k] = alone[random.Next(alone.Length)];
            }
            for (var k = 0; k < w.Length; k++)
            {
                w[k] = with[random.Next(with.Length)];
            }
            ratios[b] = Ratio(Median(a), Median(w));
        }
        Array.Sort(ratios);
        var tail = (1 - o.Confidence) / 2;
        return (Quantile(ratios, tail), Quantile(ratios, 1 - tail));
    }

    /// <summary>The median; the mean of the middle two for an even count. Sorts a copy.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count, nameof(values));
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Linear interpolation between order statistics (Hyndman &amp; Fan 1996, type 7) of a sorted array.</summary>
    private static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
