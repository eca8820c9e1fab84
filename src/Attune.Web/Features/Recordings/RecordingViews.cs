using System.Globalization;
using Attune.Analysis;
using Attune.Analysis.Ecg;
using Attune.Analysis.Hrv;
using Attune.Analysis.Series;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Recordings;

/// <summary>What asking for a view of a recording came to.</summary>
public abstract record ViewOutcome<T>
{
    public sealed record Ok(T Value) : ViewOutcome<T>;

    /// <summary>The analysis the view needs is still queued or running.</summary>
    public sealed record Pending(AnalysisLookup.Pending Status) : ViewOutcome<T>;

    /// <summary>A request that cannot be answered as asked (422), or a server that cannot answer now (503).</summary>
    public sealed record Problem(int Status, string Title, string Detail) : ViewOutcome<T>;

    public sealed record NotFound : ViewOutcome<T>;
}

/// <summary>A window asked for: a range in seconds from the recording's start, or a preset (first5, last5, night).</summary>
public sealed record WindowRequest(double? FromS, double? ToS, string? Preset);

/// <summary>
/// The interactive views of a recording, for the API and the pages alike: beats over a time range, HRV of a chosen
/// window or of consecutive segments, and a stretch of ECG with its beats. Each reads the cached analysis through
/// <see cref="RecordingAnalyses"/> (so access is checked on every call) and cuts what it needs from it.
/// </summary>
public static class RecordingViews
{
    public const int DefaultPoints = 4000;
    public const int MaxPoints = 20_000;
    public const int MaxCorrectedMarkers = 5000;

    /// <summary>The longest window analysed on request; longer stretches are the whole-recording analysis's job.</summary>
    public const double MaxWindowS = 24 * 3600;

    public const double FiveMinutesS = 300;
    public const double NightS = 6 * 3600;

    public static async Task<ViewOutcome<SeriesDto>> SeriesAsync(
        Access access, RecordingAnalyses analyses, Guid reader, Guid id, double? fromS, double? toS, int? points, CancellationToken cancel)
    {
        var (ready, failed) = await ReadyAsync<SeriesDto>(access, analyses, reader, id, cancel);
        if (ready is null)
        {
            return failed!;
        }
        var a = ready.Analysis;
        var count = Math.Clamp(points ?? DefaultPoints, 100, MaxPoints);
        if (ready.Beats is { Count: > 0 } beats)
        {
            var times = beats.BeatTimesS;
            var (start, end) = (times[0] - beats.IntervalsMs[0] / 1000.0, times[^1]);
            if (Range(fromS, toS, start, end) is not { } range)
            {
                return BadRange<SeriesDto>(start, end);
            }
            var (first, last) = Between(times, range.From, range.To);
            var picked = Pick(beats.IntervalsMs[first..last], count);
            var t = new double[picked.Length];
            var rr = new double[picked.Length];
            var hr = new double[picked.Length];
            for (var k = 0; k < picked.Length; k++)
            {
                var i = first + picked[k];
                t[k] = Math.Round(times[i], 3);
                rr[k] = beats.IntervalsMs[i];
                hr[k] = Math.Round(60000.0 / rr[k], 2);
            }
            return new ViewOutcome<SeriesDto>.Ok(new SeriesDto(a.Kind, range.From, range.To, end, a.StartedAt, last - first, picked.Length < last - first,
                t, rr, hr, Corrected(beats, ready.CorrectedBeatTimesS, range.From, range.To)));
        }
        if (ready.HeartRate is { Count: > 0 } signal && a.Kind == "heart-rate")
        {
            var times = signal.TimesS;
            var (start, end) = (times[0], times[^1]);
            if (Range(fromS, toS, start, end) is not { } range)
            {
                return BadRange<SeriesDto>(start, end);
            }
            var (first, last) = Between(times, range.From, range.To);
            var picked = Pick(signal.Values.AsSpan(first, last - first), count);
            var t = new double[picked.Length];
            var hr = new double[picked.Length];
            for (var k = 0; k < picked.Length; k++)
            {
                t[k] = Math.Round(times[first + picked[k]], 3);
                hr[k] = signal.Values[first + picked[k]];
            }
            return new ViewOutcome<SeriesDto>.Ok(new SeriesDto(a.Kind, range.From, range.To, end, a.StartedAt, last - first, picked.Length < last - first,
                t, null, hr, new CorrectedBeatsDto([], [], false)));
        }
        return new ViewOutcome<SeriesDto>.Ok(new SeriesDto(a.Kind, 0, 0, 0, a.StartedAt, 0, false, [], null, [], new CorrectedBeatsDto([], [], false)));
    }

    /// <summary>HRV of the asked-for window beside the whole recording's.</summary>
    public static async Task<ViewOutcome<WindowDto>> WindowAsync(
        Access access, AttuneDb db, RecordingAnalyses analyses, Guid reader, Guid id, WindowRequest request, CancellationToken cancel)
    {
        var (ready, failed) = await ReadyAsync<WindowDto>(access, analyses, reader, id, cancel);
        if (ready is null)
        {
            return failed!;
        }
        if (ready.Beats is not { Count: >= 3 } beats)
        {
            return new ViewOutcome<WindowDto>.Problem(422, "No beats to choose from", "This recording has no beat-to-beat intervals, so a part of it can't be analysed on its own.");
        }
        var start = beats.BeatTimesS[0] - beats.IntervalsMs[0] / 1000.0;
        var end = beats.BeatTimesS[^1];
        TimeWindow window;
        string label;
        switch (request.Preset?.Trim().ToLowerInvariant())
        {
            case null or "":
                if (request.FromS is null || request.ToS is null)
                {
                    return new ViewOutcome<WindowDto>.Problem(422, "Which part?", "Say which part to analyse: from and to in seconds from the start, or a preset (first5, last5, night).");
                }
                if (Range(request.FromS, request.ToS, start, end) is not { } range)
                {
                    return BadRange<WindowDto>(start, end);
                }
                window = new TimeWindow(range.From, range.To);
                label = $"{Clock(window.FromS)} to {Clock(window.ToS)}";
                break;
            case "first5":
                window = new TimeWindow(start, Math.Min(end, start + FiveMinutesS));
                label = "First 5 minutes";
                break;
            case "last5":
                window = new TimeWindow(Math.Max(start, end - FiveMinutesS), end);
                label = "Last 5 minutes";
                break;
            case "night":
                var zone = await OwnerZoneAsync(access, db, reader, id, cancel);
                if (Night(ready.Analysis.StartedAt, zone, start, end) is { } night)
                {
                    (window, label) = (night, "Night, 00:00 to 06:00");
                }
                else if (RrWindows.LowestHeartRate(beats, NightS) is { } calm)
                {
                    (window, label) = (calm, "Calmest six hours (lowest heart rate)");
                }
                else
                {
                    return new ViewOutcome<WindowDto>.Problem(422, "No night in this recording",
                        "This recording is shorter than six hours and its clock time doesn't cover a night, so there is no night to pick out.");
                }
                break;
            default:
                return new ViewOutcome<WindowDto>.Problem(422, "Unknown preset", "The preset can be first5, last5 or night.");
        }
        if (window.LengthS > MaxWindowS)
        {
            return new ViewOutcome<WindowDto>.Problem(422, "Window too long", "Choose a window of at most 24 hours; the whole recording's numbers are shown beside it anyway.");
        }
        var slice = RrWindows.Slice(beats, window.FromS, window.ToS);
        if (slice.Count < TimeDomain.MinimumIntervals)
        {
            return new ViewOutcome<WindowDto>.Problem(422, "Not enough beats",
                string.Create(CultureInfo.InvariantCulture, $"Not enough beats in this window: it holds {slice.Count}, and at least {TimeDomain.MinimumIntervals} are needed. Choose a longer one."));
        }
        var report = HrvAnalyzer.Analyze(slice);
        return new ViewOutcome<WindowDto>.Ok(new WindowDto(window.FromS, window.ToS, label, slice.Count,
            [.. report.ToMeasures().Select(m => new MeasureDto(m.Name, m.Value is { } v && double.IsFinite(v) ? v : null, m.Unit))],
            [.. report.NotComputable.Select(n => new NotComputableDto(n.Measure, n.Reason))],
            ready.Analysis.Measures));
    }

    /// <summary>Mean heart rate, SDNN and RMSSD of consecutive segments of <paramref name="lengthS"/> seconds.</summary>
    public static async Task<ViewOutcome<SegmentsDto>> SegmentsAsync(
        Access access, RecordingAnalyses analyses, Guid reader, Guid id, double? lengthS, CancellationToken cancel)
    {
        var length = lengthS ?? FiveMinutesS;
        if (!double.IsFinite(length) || length < 60 || length > 3600)
        {
            return new ViewOutcome<SegmentsDto>.Problem(422, "Segment length", "Segments can be from 60 to 3600 seconds long.");
        }
        var (ready, failed) = await ReadyAsync<SegmentsDto>(access, analyses, reader, id, cancel);
        if (ready is null)
        {
            return failed!;
        }
        if (ready.Beats is not { Count: >= 3 } beats)
        {
            return new ViewOutcome<SegmentsDto>.Problem(422, "No beats to choose from", "This recording has no beat-to-beat intervals, so it can't be cut into segments.");
        }
        var start = beats.BeatTimesS[0] - beats.IntervalsMs[0] / 1000.0;
        var rows = new List<SegmentDto>();
        foreach (var w in RrWindows.Segments(start, beats.BeatTimesS[^1], length))
        {
            var slice = RrWindows.Slice(beats, w.FromS, w.ToS);
            TimeDomainResult? time = null;
            try
            {
                time = slice.Count >= TimeDomain.MinimumIntervals ? TimeDomain.Compute(slice) : null;
            }
            catch (InsufficientDataException)
            {
            }
            rows.Add(new SegmentDto(w.FromS, w.ToS, slice.Count, time?.MeanHrBpm, time?.SdnnMs, time?.RmssdMs));
        }
        return new ViewOutcome<SegmentsDto>.Ok(new SegmentsDto(length, rows));
    }

    /// <summary>A stretch of an ECG with its beats; the whole signal, decimated, when no range is given.</summary>
    public static async Task<ViewOutcome<EcgWindowDto>> EcgAsync(
        Access access, RecordingAnalyses analyses, Guid reader, Guid id, double? fromS, double? toS, int? points, CancellationToken cancel)
    {
        var (ready, failed) = await ReadyAsync<EcgWindowDto>(access, analyses, reader, id, cancel);
        if (ready is null)
        {
            return failed!;
        }
        if (ready.Ecg is not { } beats || await analyses.EcgAsync(access, reader, id, cancel) is not { } ecg)
        {
            return new ViewOutcome<EcgWindowDto>.Problem(422, "Not an ECG", "Only ECG recordings have a signal to show.");
        }
        var last = ecg.Segments[^1];
        var (start, end) = (ecg.Segments[0].StartTimeS, last.StartTimeS + (last.Length - 1) / ecg.SampleRateHz);
        if (Range(fromS, toS, start, end) is not { } range)
        {
            return BadRange<EcgWindowDto>(start, end);
        }
        var count = Math.Clamp(points ?? DefaultPoints, 100, MaxPoints);
        var first = BeatEdits.IndexAtTime(ecg, range.From);
        var stop = BeatEdits.IndexAtTime(ecg, range.To) + 1;
        var canEdit = await access.Own<Recording>(reader).AnyAsync(r => r.Id == id, cancel);
        var samples = ecg.Samples[first..stop];
        var picked = samples.Length <= count ? Enumerable.Range(0, samples.Length).ToArray() : MinMaxBuckets(samples, count / 2);
        var times = new double[picked.Length];
        var values = new float[picked.Length];
        for (var k = 0; k < picked.Length; k++)
        {
            times[k] = Math.Round(ecg.TimeOfSample(first + picked[k]), 4);
            values[k] = samples[picked[k]];
        }
        var detected = new HashSet<int>(beats.Detected);
        var shown = new List<EcgBeatDto>();
        foreach (var p in beats.Current)
        {
            if (p >= first && p < stop)
            {
                shown.Add(new EcgBeatDto(Math.Round(ecg.TimeOfSample(p), 4), ecg.Samples[p], !detected.Contains(p)));
            }
        }
        var current = new HashSet<int>(beats.Current);
        var removed = beats.Detected.Where(p => p >= first && p < stop && !current.Contains(p)).Select(p => Math.Round(ecg.TimeOfSample(p), 4)).ToArray();
        return new ViewOutcome<EcgWindowDto>.Ok(new EcgWindowDto(range.From, range.To, end, ecg.SampleRateHz, picked.Length < samples.Length,
            times, values, shown, removed, beats.Added, beats.Removed, canEdit));
    }

    internal static async Task<(AnalysedRecording? Ready, ViewOutcome<T>? Failed)> ReadyAsync<T>(
        Access access, RecordingAnalyses analyses, Guid reader, Guid id, CancellationToken cancel) =>
        await analyses.LookupAsync(access, reader, id, analyses.RequestWait, cancel) switch
        {
            AnalysisLookup.Ready r => (r.Result, null),
            AnalysisLookup.Pending p => (null, new ViewOutcome<T>.Pending(p)),
            AnalysisLookup.Busy => (null, new ViewOutcome<T>.Problem(503, "Busy", "Many analyses are waiting on this server. Please try again in a minute.")),
            AnalysisLookup.Failed { GaveUp: true } f => (null, new ViewOutcome<T>.Problem(422, "The analysis could not be done",
                $"We tried {AnalysisLookup.Tries(f.Attempts)} to analyse this recording and it stopped each time, so we have stopped trying.")),
            AnalysisLookup.Failed => (null, new ViewOutcome<T>.Problem(503, "The analysis did not finish", "The analysis stopped before it finished. Ask again to start it afresh.")),
            _ => (null, new ViewOutcome<T>.NotFound()),
        };

    /// <summary>The asked-for range clipped to the recording; null when it is impossible (not numbers, reversed, or outside it).</summary>
    internal static (double From, double To)? Range(double? fromS, double? toS, double start, double end)
    {
        var from = fromS ?? start;
        var to = toS ?? end;
        if (!double.IsFinite(from) || !double.IsFinite(to) || to <= from || from >= end || to <= start)
        {
            return null;
        }
        return (Math.Max(from, start), Math.Min(to, end));
    }

    private static ViewOutcome<T> BadRange<T>(double start, double end) =>
        new ViewOutcome<T>.Problem(422, "No such stretch",
            string.Create(CultureInfo.InvariantCulture, $"That range is not inside the recording: choose from and to (in seconds, from before to) between {Math.Floor(start)} and {Math.Ceiling(end)}."));

    /// <summary>Local 00:00 to 06:00 in the owner's zone, clipped to the recording, when some night overlaps it by at least half.</summary>
    internal static TimeWindow? Night(DateTime? startedAt, string? zone, double start, double end)
    {
        if (startedAt is not { } began)
        {
            return null;
        }
        var info = zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
        var localStart = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(began, DateTimeKind.Utc), info);
        TimeWindow? best = null;
        for (var day = localStart.Date.AddDays(-1); day <= localStart.AddSeconds(end).Date; day = day.AddDays(1))
        {
            var midnight = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day, DateTimeKind.Unspecified), info);
            var from = (midnight - began).TotalSeconds;
            var window = new TimeWindow(Math.Max(from, start), Math.Min(from + NightS, end));
            if (window.LengthS >= NightS / 2 && (best is null || window.LengthS > best.Value.LengthS))
            {
                best = window;
            }
        }
        return best;
    }

    private static async Task<string?> OwnerZoneAsync(Access access, AttuneDb db, Guid reader, Guid id, CancellationToken cancel) =>
        await access.FindAsync<Recording, Guid>(reader, id, r => r.OwnerId, cancel) is { } owner
            ? await TimeZones.OfUserAsync(db, owner.Value, cancel)
            : null;

    private static string Clock(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
    }

    /// <summary>Indices [first, last) of the times within [from, to].</summary>
    private static (int First, int Last) Between(ReadOnlySpan<double> times, double from, double to)
    {
        var first = times.BinarySearch(from);
        first = first < 0 ? ~first : first;
        var last = times.BinarySearch(to);
        last = last < 0 ? ~last : last + 1;
        return (first, Math.Max(first, last));
    }

    /// <summary>All indices when they fit in <paramref name="points"/>, else each bucket's lowest and highest, in order.</summary>
    private static int[] Pick(ReadOnlySpan<double> values, int points)
    {
        if (values.Length <= points)
        {
            var all = new int[values.Length];
            for (var i = 0; i < all.Length; i++)
            {
                all[i] = i;
            }
            return all;
        }
        var buckets = points / 2;
        var picked = new List<int>(points);
        for (var b = 0; b < buckets; b++)
        {
            var from = (int)((long)b * values.Length / buckets);
            var to = (int)((long)(b + 1) * values.Length / buckets);
            if (to <= from)
            {
                continue;
            }
            int lo = from, hi = from;
            for (var i = from + 1; i < to; i++)
            {
                if (values[i] < values[lo])
                {
                    lo = i;
                }
                if (values[i] > values[hi])
                {
                    hi = i;
                }
            }
            picked.Add(Math.Min(lo, hi));
            if (lo != hi)
            {
                picked.Add(Math.Max(lo, hi));
            }
        }
        return [.. picked];
    }

    private static int[] MinMaxBuckets(ReadOnlySpan<float> values, int buckets)
    {
        var picked = new List<int>(buckets * 2);
        for (var b = 0; b < buckets; b++)
        {
            var from = (int)((long)b * values.Length / buckets);
            var to = (int)((long)(b + 1) * values.Length / buckets);
            if (to <= from)
            {
                continue;
            }
            int lo = from, hi = from;
            for (var i = from + 1; i < to; i++)
            {
                if (values[i] < values[lo])
                {
                    lo = i;
                }
                if (values[i] > values[hi])
                {
                    hi = i;
                }
            }
            picked.Add(Math.Min(lo, hi));
            if (lo != hi)
            {
                picked.Add(Math.Max(lo, hi));
            }
        }
        return [.. picked];
    }

    private static CorrectedBeatsDto Corrected(RrSeries beats, double[] correctedTimes, double from, double to)
    {
        var times = beats.BeatTimesS;
        var t = new List<double>();
        var rr = new List<double>();
        var truncated = false;
        foreach (var c in correctedTimes)
        {
            if (c < from || c > to)
            {
                continue;
            }
            if (t.Count >= MaxCorrectedMarkers)
            {
                truncated = true;
                break;
            }
            var at = times.BinarySearch(c);
            at = at >= 0 ? at : Math.Clamp(~at, 0, times.Length - 1);
            if (at > 0 && Math.Abs(times[at - 1] - c) < Math.Abs(times[at] - c))
            {
                at--;
            }
            t.Add(Math.Round(times[at], 3));
            rr.Add(beats.IntervalsMs[at]);
        }
        return new CorrectedBeatsDto([.. t], [.. rr], truncated);
    }
}
