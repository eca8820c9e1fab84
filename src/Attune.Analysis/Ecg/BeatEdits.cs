using Attune.Analysis.Series;

namespace Attune.Analysis.Ecg;

/// <summary>One beat a person added or removed by hand, at a sample index of the ECG.</summary>
/// <param name="SampleIndex">Index into <see cref="EcgSignal.Samples"/>.</param>
/// <param name="Added">True for a beat added by hand, false for a detected beat removed by hand.</param>
public readonly record struct BeatEdit(int SampleIndex, bool Added);

/// <summary>
/// Hand corrections of detected R-peaks, as Kubios lets a reviewer add and remove beats on the ECG: the
/// detector's beats stay as they were, and the edits are applied on top of them, so undoing every edit gives
/// the detector's result back.
/// </summary>
public static class BeatEdits
{
    /// <summary>How far either side of a click an added beat is moved to the signal's local maximum, s (Kubios' ±50 ms).</summary>
    public const double SnapRadiusS = 0.05;

    /// <summary>
    /// The detected peaks with <paramref name="edits"/> applied: removed indices dropped, added indices
    /// inserted; sorted, without duplicates. An edit that changes nothing (removing a beat that is not there,
    /// adding one that is) is ignored. O((n + e) log(n + e)).
    /// </summary>
    public static int[] Apply(ReadOnlySpan<int> detected, IEnumerable<BeatEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var beats = new SortedSet<int>();
        foreach (var i in detected)
        {
            beats.Add(i);
        }
        foreach (var e in edits)
        {
            if (e.Added)
            {
                beats.Add(e.SampleIndex);
            }
            else
            {
                beats.Remove(e.SampleIndex);
            }
        }
        return [.. beats];
    }

    /// <summary>
    /// The sample with the largest amplitude within ±<paramref name="radiusS"/> of <paramref name="index"/>,
    /// inside the same segment (a beat never lands across a gap). Ties go to the earliest sample.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the signal.</exception>
    public static int SnapToPeak(EcgSignal ecg, int index, double radiusS = SnapRadiusS)
    {
        ArgumentNullException.ThrowIfNull(ecg);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ecg.Count);
        var segment = ecg.Segments[ecg.SegmentOf(index)];
        var radius = (int)Math.Round(radiusS * ecg.SampleRateHz);
        var from = Math.Max(segment.StartIndex, index - radius);
        var to = Math.Min(segment.StartIndex + segment.Length - 1, index + radius);
        var samples = ecg.Samples;
        var best = from;
        for (var i = from + 1; i <= to; i++)
        {
            if (samples[i] > samples[best])
            {
                best = i;
            }
        }
        return best;
    }

    /// <summary>
    /// The sample index at time <paramref name="timeS"/> (seconds from <see cref="EcgSignal.Start"/>): the
    /// nearest sample of the segment that holds the time, or of the nearest segment when it falls in a gap;
    /// clamped to the signal.
    /// </summary>
    public static int IndexAtTime(EcgSignal ecg, double timeS)
    {
        ArgumentNullException.ThrowIfNull(ecg);
        var segments = ecg.Segments;
        var fs = ecg.SampleRateHz;
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        foreach (var s in segments)
        {
            var end = s.StartTimeS + (s.Length - 1) / fs;
            var k = (int)Math.Round((Math.Clamp(timeS, s.StartTimeS, end) - s.StartTimeS) * fs);
            var index = s.StartIndex + Math.Clamp(k, 0, s.Length - 1);
            var distance = Math.Abs(ecg.TimeOfSample(index) - timeS);
            if (distance < bestDistance)
            {
                best = index;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>
    /// Position in <paramref name="peaks"/> (sorted) of the peak nearest to <paramref name="index"/>, or -1 when
    /// none lies within <paramref name="maxDistance"/> samples.
    /// </summary>
    public static int Nearest(ReadOnlySpan<int> peaks, int index, int maxDistance)
    {
        var at = peaks.BinarySearch(index);
        if (at >= 0)
        {
            return at;
        }
        var next = ~at;
        var best = -1;
        var bestDistance = int.MaxValue;
        foreach (var candidate in (ReadOnlySpan<int>)[next - 1, next])
        {
            if (candidate >= 0 && candidate < peaks.Length && Math.Abs(peaks[candidate] - index) < bestDistance)
            {
                best = candidate;
                bestDistance = Math.Abs(peaks[candidate] - index);
            }
        }
        return bestDistance <= maxDistance ? best : -1;
    }

    /// <summary>
    /// RR intervals between consecutive <paramref name="peaks"/> of the same segment, as
    /// <see cref="RPeaks.ToRrSeries"/> computes them for detected peaks (interval = (k₂ − k₁)/fs·1000 ms, beat
    /// time = the later peak's time; no interval spans a gap).
    /// </summary>
    public static RrSeries ToRrSeries(EcgSignal ecg, ReadOnlySpan<int> peaks)
    {
        ArgumentNullException.ThrowIfNull(ecg);
        return NeuroKitPeakDetector.ToRrSeries(ecg, peaks);
    }
}
