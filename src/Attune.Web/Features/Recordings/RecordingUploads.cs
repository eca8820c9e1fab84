using System.Diagnostics;
using Attune.Web.Data;
using Attune.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Recordings;

/// <summary>What an upload says about itself besides the bytes.</summary>
/// <param name="Name">The recording's name, or null for a default.</param>
/// <param name="Kind">What the file holds: rr, heart-rate or ecg (EDF files are always ECG).</param>
/// <param name="SampleRateHz">ECG text files only: samples per second.</param>
/// <param name="FileName">The original file name.</param>
/// <param name="Channel">For EDF files: the label of the signal to read as the ECG (optional when only one says ECG or EKG).</param>
public sealed record UploadDetails(string? Name, string? Kind, double? SampleRateHz, string? FileName, string? Channel = null);

/// <summary>Why an upload was refused.</summary>
/// <param name="Field">The form or query field it concerns ("file" for the content).</param>
/// <param name="Message">A message a person can act on.</param>
/// <param name="Line">The 1-based line of the file that could not be read, when known.</param>
/// <param name="Status">The HTTP status it means: 400 for a file or detail that can't be read, 413 over the account's space, 422 over the longest recording.</param>
/// <param name="Channels">For an EDF file whose ECG signal must be chosen: the labels to choose from.</param>
public sealed record UploadProblem(string Field, string Message, int? Line = null, int Status = 400, IReadOnlyList<string>? Channels = null)
{
    /// <summary>The file was EDF and its header or data could not be read.</summary>
    public bool Edf { get; init; }
}

/// <summary>
/// The one path by which a recording is created, for the API and the upload page alike: validate the
/// details, parse the whole file, and only then store it. A refused upload stores nothing. A stored one is
/// handed to <see cref="RecordingAnalyses.Start"/> with the series already parsed, before it is compressed and stored, so
/// its analysis is ready (or nearly) when the person looks; its durable job is stored in the same transaction.
/// </summary>
public static class RecordingUploads
{
    public static async Task<(Recording? Recording, UploadProblem? Problem)> CreateAsync(
        AttuneDb db, Guid ownerId, byte[] bytes, UploadDetails details, TimeProvider clock, CancellationToken cancel, RecordingLimits? limits = null,
        RecordingAnalyses? analyses = null)
    {
        var started = Stopwatch.GetTimestamp();
        var (recording, problem, parsed) = Read(ownerId, bytes, details, clock, limits);
        if (recording is null)
        {
            return (null, problem);
        }
        var read = Stopwatch.GetTimestamp();
        // The series is parsed already: the analysis runs beside the compression and the insert (decision 0022).
        var analysis = analyses?.Start(recording, parsed!, started);
        try
        {
            problem = await StoreCheckAsync(db, recording, bytes, cancel, limits, pendingBytes: 0);
            if (problem is not null)
            {
                analysis?.Abandon();
                return (null, problem);
            }
            var compressed = Stopwatch.GetTimestamp();
            db.Add(recording);
            if (analysis is not null)
            {
                db.Add(analysis.Job);
            }
            await db.SaveChangesAsync(cancel);
            analysis?.Stored();
            analyses?.Log.LogInformation(
                "Stored recording {RecordingId} ({Points} points): reading {ReadMs:0.0} ms, compressing and the quota {CompressMs:0.0} ms ({Bytes} bytes), insert {InsertMs:0.0} ms",
                recording.Id, recording.PointCount, Stopwatch.GetElapsedTime(started, read).TotalMilliseconds,
                Stopwatch.GetElapsedTime(read, compressed).TotalMilliseconds, recording.StoredBytes, Stopwatch.GetElapsedTime(compressed).TotalMilliseconds);
            return (recording, null);
        }
        catch
        {
            analysis?.Abandon();
            throw;
        }
    }

    /// <summary>
    /// Everything <see cref="CreateAsync"/> checks, without storing: the recording to add, or why not. An import stages
    /// several; <paramref name="pendingBytes"/> counts the space of those staged before this one against the account's quota.
    /// </summary>
    public static async Task<(Recording? Recording, UploadProblem? Problem)> PrepareAsync(
        AttuneDb db, Guid ownerId, byte[] bytes, UploadDetails details, TimeProvider clock, CancellationToken cancel, RecordingLimits? limits = null,
        long pendingBytes = 0)
    {
        var (recording, problem, _) = Read(ownerId, bytes, details, clock, limits);
        if (recording is null)
        {
            return (null, problem);
        }
        problem = await StoreCheckAsync(db, recording, bytes, cancel, limits, pendingBytes);
        return problem is null ? (recording, null) : (null, problem);
    }

    /// <summary>The details checked and the whole file parsed: the recording to store (its content not yet filled in), or why not.</summary>
    private static (Recording? Recording, UploadProblem? Problem, ParsedRecording? Parsed) Read(
        Guid ownerId, byte[] bytes, UploadDetails details, TimeProvider clock, RecordingLimits? limits)
    {
        limits ??= RecordingLimits.Default;
        if (RecordingFiles.ParseKind(details.Kind) is not { } kind)
        {
            return (null, new UploadProblem("kind", "Please choose what the file holds: rr (beat-to-beat intervals), heart-rate or ecg."), null);
        }
        var (name, nameError) = TextRules.SingleLine(details.Name, Recording.NameMaxLength, "name", required: false);
        if (nameError is not null)
        {
            return (null, new UploadProblem("name", nameError), null);
        }
        var (fileName, fileError) = TextRules.SingleLine(Path.GetFileName(details.FileName ?? ""), Recording.FileNameMaxLength, "file name", required: false);
        if (fileError is not null)
        {
            return (null, new UploadProblem("fileName", fileError), null);
        }
        // An EDF file says what it holds and at what rate; it is always read as ECG.
        var edf = RecordingFiles.IsEdf(bytes);
        if (edf)
        {
            kind = RecordingKind.Ecg;
        }
        else if (kind == RecordingKind.Ecg && !RecordingFiles.IsValidSampleRate(details.SampleRateHz))
        {
            return (null, new UploadProblem("sampleRateHz", RecordingFiles.SampleRateMessage), null);
        }
        var parsed = RecordingFiles.Parse(bytes, kind, details.SampleRateHz, details.Channel);
        if (!parsed.IsSuccess)
        {
            return parsed.Error is EdfProblem problem
                ? (null, problem.Channels.Count > 0
                    ? new UploadProblem("channel", problem.Message, Status: 422, Channels: problem.Channels)
                    : new UploadProblem("file", problem.Message, Status: 422, Channels: null) { Edf = true }, null)
                : (null, new UploadProblem("file", RecordingFiles.Describe(parsed.Error), parsed.Error.Line), null);
        }
        var p = parsed.Value;
        var maxSeconds = kind == RecordingKind.Ecg ? limits.MaxEcgHours * 3600 : limits.MaxBeatDays * 86400;
        if (p.DurationSeconds > maxSeconds)
        {
            return (null, new UploadProblem("file", kind == RecordingKind.Ecg
                ? $"This ECG is longer than {limits.MaxEcgHours:0.##} hours, the longest this server analyses. Please split it into parts."
                : $"This recording is longer than {limits.MaxBeatDays:0.##} days, the longest this server analyses. Please split it into parts.", Status: 422), null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var recording = new Recording
        {
            Id = Guid.CreateVersion7(),
            OwnerId = ownerId,
            Name = string.IsNullOrEmpty(name) ? DefaultName(kind, p.Start?.UtcDateTime ?? now) : name,
            Kind = kind,
            OriginalFileName = fileName ?? "",
            StartedAt = p.Start?.UtcDateTime,
            UploadedAt = now,
            SampleRateHz = kind == RecordingKind.Ecg ? p.Ecg?.SampleRateHz ?? details.SampleRateHz : null,
            Channel = p.Channel,
            DurationSeconds = p.DurationSeconds,
            PointCount = p.PointCount,
        };
        return (recording, null, p);
    }

    /// <summary>Compresses the file into <paramref name="recording"/> and checks it fits the account's space; null when it does.</summary>
    private static async Task<UploadProblem?> StoreCheckAsync(
        AttuneDb db, Recording recording, byte[] bytes, CancellationToken cancel, RecordingLimits? limits, long pendingBytes)
    {
        limits ??= RecordingLimits.Default;
        var compressed = RecordingFiles.Compress(bytes);
        var used = await Sharing.Access.OwnedBy<Recording>(db, recording.OwnerId).SumAsync(r => r.StoredBytes, cancel);
        if (used + pendingBytes + compressed.LongLength > limits.QuotaMb * 1024 * 1024)
        {
            return new UploadProblem("file",
                $"Your recordings already use the {limits.QuotaMb:N0} MB this server keeps per account. Delete some you no longer need, then try again.", Status: 413);
        }
        recording.Content = compressed;
        recording.StoredBytes = compressed.LongLength;
        return null;
    }

    private static string DefaultName(RecordingKind kind, DateTime at) => kind switch
    {
        RecordingKind.Rr => "Heartbeat recording",
        RecordingKind.HeartRate => "Heart-rate recording",
        _ => "ECG recording",
    } + at.ToString(" 'of' d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
