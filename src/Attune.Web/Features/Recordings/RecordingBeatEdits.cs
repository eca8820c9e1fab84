using Attune.Analysis.Ecg;
using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Recordings;

/// <summary>
/// Adding and removing an ECG's beats by hand, for the API and the beat editor page alike. Only the owner edits;
/// the original file is never touched: edits are rows applied on top of the detector's beats, and undoing them
/// all gives the detector's result back. Every edit increments the recording's content version in the same transaction, so
/// the cached analysis and its ETag change and the next view follows.
/// </summary>
public static class RecordingBeatEdits
{
    /// <summary>How far from a click a beat may be and still be the one removed, s.</summary>
    public const double RemoveRadiusS = 0.15;

    /// <summary>Applies one edit; the outcome's value says what it did and the recording's edit counts now.</summary>
    public static async Task<ViewOutcome<BeatEditResultDto>> EditAsync(
        AttuneDb db, Access access, RecordingAnalyses analyses, TimeProvider clock, Guid me, Guid id, BeatEditRequest request, CancellationToken cancel)
    {
        var kind = await access.Own<Recording>(me).Where(r => r.Id == id).Select(r => (RecordingKind?)r.Kind).FirstOrDefaultAsync(cancel);
        if (kind is null)
        {
            return new ViewOutcome<BeatEditResultDto>.NotFound();
        }
        if (kind != RecordingKind.Ecg)
        {
            return new ViewOutcome<BeatEditResultDto>.Problem(422, "Not an ECG", "Only an ECG's beats can be added or removed by hand.");
        }
        var action = request.Action?.Trim().ToLowerInvariant();
        if (action is not ("add" or "remove"))
        {
            return new ViewOutcome<BeatEditResultDto>.Problem(422, "Add or remove?", "Say whether to add or remove a beat: action is add or remove.");
        }
        if (!double.IsFinite(request.TimeS))
        {
            return new ViewOutcome<BeatEditResultDto>.Problem(422, "Where?", "Say where, in seconds from the start of the recording.");
        }
        var (ready, failed) = await RecordingViews.ReadyAsync<BeatEditResultDto>(access, analyses, me, id, cancel);
        if (ready is null)
        {
            return failed!;
        }
        if (ready.Ecg is not { } beats || await analyses.EcgAsync(access, me, id, cancel) is not { } ecg)
        {
            return new ViewOutcome<BeatEditResultDto>.Problem(422, "Not an ECG", "Only an ECG's beats can be added or removed by hand.");
        }
        var last = ecg.Segments[^1];
        var end = last.StartTimeS + (last.Length - 1) / ecg.SampleRateHz;
        if (request.TimeS < ecg.Segments[0].StartTimeS || request.TimeS > end)
        {
            return new ViewOutcome<BeatEditResultDto>.Problem(422, "Outside the recording", "That moment is not inside the recording.");
        }
        var at = BeatEdits.IndexAtTime(ecg, request.TimeS);
        int sample;
        if (action == "add")
        {
            sample = BeatEdits.SnapToPeak(ecg, at);
            var radius = (int)Math.Round(BeatEdits.SnapRadiusS * ecg.SampleRateHz);
            if (BeatEdits.Nearest(beats.Current, sample, radius) >= 0)
            {
                return new ViewOutcome<BeatEditResultDto>.Problem(422, "There is a beat here already",
                    "There is already a beat within 50 ms of this point. To move it, remove it first.");
            }
        }
        else
        {
            var nearest = BeatEdits.Nearest(beats.Current, at, (int)Math.Round(RemoveRadiusS * ecg.SampleRateHz));
            if (nearest < 0)
            {
                return new ViewOutcome<BeatEditResultDto>.Problem(422, "No beat here", "There is no beat within 150 ms of this point to remove.");
            }
            sample = beats.Current[nearest];
        }
        await ApplyAsync(db, access, analyses, clock, me, id, sample, added: action == "add", cancel);
        var (added, removed) = await CountsAsync(access, me, id, cancel);
        return new ViewOutcome<BeatEditResultDto>.Ok(new BeatEditResultDto(action, Math.Round(ecg.TimeOfSample(sample), 4), added, removed));
    }

    /// <summary>Deletes every hand edit of one of the caller's recordings; false when it is not theirs or not there.</summary>
    public static async Task<bool> UndoAllAsync(AttuneDb db, Access access, RecordingAnalyses analyses, TimeProvider clock, Guid me, Guid id, CancellationToken cancel)
    {
        if (!await access.Own<Recording>(me).AnyAsync(r => r.Id == id, cancel))
        {
            return false;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        if (await access.Own<BeatEdit>(me).Where(e => e.RecordingId == id).ExecuteDeleteAsync(cancel) > 0)
        {
            await NewVersionAsync(db, access, clock, me, id, cancel);
        }
        await transaction.CommitAsync(cancel);
        analyses.Forget(id);
        return true;
    }

    /// <summary>
    /// Adds a beat at <paramref name="sample"/> or removes the one there, and increments the recording's content version in
    /// the same transaction, so the cached analysis and its ETag change with the edit. Putting back a detected beat that was
    /// removed (or removing one added by hand) undoes that edit rather than adding a second.
    /// </summary>
    private static async Task ApplyAsync(
        AttuneDb db, Access access, RecordingAnalyses analyses, TimeProvider clock, Guid me, Guid id, int sample, bool added, CancellationToken cancel)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var undone = await access.Own<BeatEdit>(me).Where(e => e.RecordingId == id && e.SampleIndex == sample && e.Added != added)
            .ExecuteDeleteAsync(cancel);
        if (undone == 0 && !await StoreAsync(db, me, id, sample, added, clock, cancel))
        {
            // The same beat edited twice at once (two tabs): the unique index kept one, which is what was asked.
            await transaction.RollbackAsync(cancel);
            return;
        }
        await NewVersionAsync(db, access, clock, me, id, cancel);
        await transaction.CommitAsync(cancel);
        analyses.Forget(id);
    }

    /// <summary>
    /// What the analysis reads has changed (docs/decisions/0008-precompressed-analysis-and-breach.md): a new version, and its
    /// shared job queued afresh in the same transaction, so some node analyses it even if nobody looks (decision 0022).
    /// </summary>
    private static async Task NewVersionAsync(AttuneDb db, Access access, TimeProvider clock, Guid me, Guid id, CancellationToken cancel)
    {
        await access.Own<Recording>(me).Where(r => r.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ContentVersion, r => r.ContentVersion + 1), cancel);
        var version = await access.Own<Recording>(me).Where(r => r.Id == id).Select(r => r.ContentVersion).FirstAsync(cancel);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Set<AnalysisJob>().Where(j => j.RecordingId == id)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.ContentVersion, version).SetProperty(j => j.State, AnalysisJobState.Queued)
                    .SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, now).SetProperty(j => j.Attempts, 0)
                    .SetProperty(j => j.UpdatedAt, now), cancel) == 0)
        {
            db.Add(new AnalysisJob
            {
                RecordingId = id,
                OwnerId = me,
                ContentVersion = version,
                State = AnalysisJobState.Queued,
                LeaseUntil = now,
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync(cancel);
        }
    }

    private static async Task<bool> StoreAsync(AttuneDb db, Guid me, Guid id, int sample, bool added, TimeProvider clock, CancellationToken cancel)
    {
        db.Add(new BeatEdit
        {
            Id = Guid.CreateVersion7(),
            OwnerId = me,
            RecordingId = id,
            SampleIndex = sample,
            Added = added,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancel);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static async Task<(int Added, int Removed)> CountsAsync(Access access, Guid me, Guid id, CancellationToken cancel)
    {
        var counts = await access.Own<BeatEdit>(me).Where(e => e.RecordingId == id).GroupBy(e => e.Added)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancel);
        return (counts.FirstOrDefault(c => c.Key)?.Count ?? 0, counts.FirstOrDefault(c => !c.Key)?.Count ?? 0);
    }
}
