using Attune.Web.Data;
using Attune.Web.Features.Audit;
using Attune.Web.Features.Sharing;
using Attune.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Therapists;

/// <summary>What became of a note the therapist changed or deleted.</summary>
public enum NoteOutcome
{
    Done,
    Invalid,
    NotFound,
}

/// <summary>
/// Psychotherapy notes: the author's alone. Written, read, changed and deleted only by the therapist who wrote them, only
/// while the client consents to that therapist; never through the access layer (they are not the client's data), so never
/// in the client's export, never visible to the client, their partner or another therapist of the same practice. Each
/// write is in the author's own security log (the audit entry's owner is the therapist, so the client's log never hints
/// that a note exists); the entry holds the note's id, never its text.
/// </summary>
public sealed class TherapyNotes(AttuneDb db, AuditLog audit, TimeProvider clock)
{
    public const string AuditKind = "therapy-note";

    public async Task<List<TherapyNoteDto>?> ListAsync(Guid therapist, Guid client, CancellationToken cancel) =>
        await TherapyLinks.ConsentedAsync(db, therapist, client, cancel) == DataStream.None
            ? null
            : await db.Set<TherapyNote>().AsNoTracking().Where(n => n.TherapistId == therapist && n.ClientId == client)
                .OrderByDescending(n => n.CreatedAt).Take(200).Select(n => new TherapyNoteDto(n.Id, n.Text, n.CreatedAt)).ToListAsync(cancel);

    /// <summary>Null when the client is not theirs; an error message for bad text; else the note.</summary>
    public async Task<(TherapyNoteDto? Note, string? Error)> WriteAsync(Guid therapist, Guid client, string? text, CancellationToken cancel)
    {
        if (await TherapyLinks.ConsentedAsync(db, therapist, client, cancel) == DataStream.None)
        {
            return (null, null);
        }
        var (clean, error) = Clean(text);
        if (clean is null)
        {
            return (null, error);
        }
        var note = new TherapyNote { Id = Guid.CreateVersion7(), TherapistId = therapist, ClientId = client, Text = clean, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Add(note);
        audit.Add(AuditActions.Created(AuditKind), therapist, AuditKind, note.Id.ToString(), actor: therapist);
        await db.SaveChangesAsync(cancel);
        return (new TherapyNoteDto(note.Id, note.Text, note.CreatedAt), null);
    }

    /// <summary>The author rewrites one of their notes about a current client; anything else is not found.</summary>
    public async Task<(NoteOutcome Outcome, TherapyNoteDto? Note, string? Error)> ChangeAsync(
        Guid therapist, Guid client, Guid id, string? text, CancellationToken cancel)
    {
        if (await FindAsync(therapist, client, id, cancel) is not { } note)
        {
            return (NoteOutcome.NotFound, null, null);
        }
        var (clean, error) = Clean(text);
        if (clean is null)
        {
            return (NoteOutcome.Invalid, null, error);
        }
        note.Text = clean;
        audit.Add(AuditActions.Updated(AuditKind), therapist, AuditKind, note.Id.ToString(), actor: therapist);
        await db.SaveChangesAsync(cancel);
        return (NoteOutcome.Done, new TherapyNoteDto(note.Id, note.Text, note.CreatedAt), null);
    }

    /// <summary>The author deletes one of their notes about a current client; false when there is no such note.</summary>
    public async Task<bool> DeleteAsync(Guid therapist, Guid client, Guid id, CancellationToken cancel)
    {
        if (await FindAsync(therapist, client, id, cancel) is not { } note)
        {
            return false;
        }
        db.Remove(note);
        audit.Add(AuditActions.Deleted(AuditKind), therapist, AuditKind, note.Id.ToString(), actor: therapist);
        await db.SaveChangesAsync(cancel);
        return true;
    }

    private async Task<TherapyNote?> FindAsync(Guid therapist, Guid client, Guid id, CancellationToken cancel) =>
        await TherapyLinks.ConsentedAsync(db, therapist, client, cancel) == DataStream.None
            ? null
            : await db.Set<TherapyNote>().FirstOrDefaultAsync(n => n.Id == id && n.TherapistId == therapist && n.ClientId == client, cancel);

    private static (string? Text, string? Error) Clean(string? text)
    {
        var (clean, error) = TextRules.MultiLine(text, TherapyNote.TextMaxLength, "note");
        return error is null && clean is not null ? (clean, null) : (null, error ?? "Please write something first.");
    }
}
