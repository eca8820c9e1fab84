using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Attune.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Therapists;

/// <summary>
/// Psychotherapy notes: the author's alone. Written and read only by the therapist who wrote them, only while the client
/// consents to that therapist; never through the access layer (they are not the client's data), so never in the client's
/// export, never visible to the client's partner or to another therapist of the same practice.
/// </summary>
public sealed class TherapyNotes(AttuneDb db, TimeProvider clock)
{
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
        var (clean, error) = TextRules.MultiLine(text, TherapyNote.TextMaxLength, "note");
        if (error is not null || clean is null)
        {
            return (null, error ?? "Please write something first.");
        }
        var note = new TherapyNote { Id = Guid.CreateVersion7(), TherapistId = therapist, ClientId = client, Text = clean, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Add(note);
        await db.SaveChangesAsync(cancel);
        return (new TherapyNoteDto(note.Id, note.Text, note.CreatedAt), null);
    }
}
