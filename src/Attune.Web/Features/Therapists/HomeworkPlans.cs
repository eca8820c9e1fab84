using Attune.Analysis.Measures;
using Attune.Web.Data;
using Attune.Web.Features.Measures;
using Attune.Web.Features.Practices;
using Attune.Web.Features.Practices.Library;
using Attune.Web.Features.Sharing;
using Attune.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Therapists;

public abstract record HomeworkOutcome
{
    public sealed record Done(HomeworkDto Homework) : HomeworkOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : HomeworkOutcome;

    public sealed record NotFound : HomeworkOutcome;
}

/// <summary>
/// Homework: a therapist asks a client to do a practice or a measure a number of times a week. Adherence and effect are
/// counted from the client's own practice sessions and measures, read through <see cref="Access"/>: the client always sees
/// theirs, the therapist only for the streams the client shares with them.
/// </summary>
public sealed class HomeworkPlans(AttuneDb db, Access access, TimeProvider clock)
{
    public const int MaxOpen = 20;

    private sealed record Done(string Item, DateTime At, int? Effect);

    private sealed record Answered(MeasureKind Kind, DateTime At);

    public async Task<HomeworkOutcome> AssignAsync(Guid therapist, Guid client, AssignHomeworkRequest request, CancellationToken cancel)
    {
        var streams = await TherapyLinks.ConsentedAsync(db, therapist, client, cancel);
        if (streams == DataStream.None)
        {
            return new HomeworkOutcome.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var kind = request.Kind?.Trim().ToLowerInvariant() switch
        {
            "practice" => HomeworkKind.Practice,
            "measure" => HomeworkKind.Measure,
            _ => (HomeworkKind?)null,
        };
        if (kind is null)
        {
            errors["kind"] = ["Choose practice or measure."];
        }
        else if (kind == HomeworkKind.Practice && (request.Item is null || PracticeLibrary.Find(request.Item) is null))
        {
            errors["item"] = ["Choose a practice from the library."];
        }
        else if (kind == HomeworkKind.Measure && MeasureCatalog.Find(request.Item) is null)
        {
            errors["item"] = [$"Choose one of: {MeasureCatalog.Slugs}."];
        }
        if (request.TimesPerWeek is not (>= 1 and <= 14))
        {
            errors["timesPerWeek"] = ["Choose from 1 to 14 times a week."];
        }
        var (note, noteError) = TextRules.MultiLine(request.Note, Homework.NoteMaxLength, "note");
        if (noteError is not null)
        {
            errors["note"] = [noteError];
        }
        if (errors.Count > 0)
        {
            return new HomeworkOutcome.Invalid(errors);
        }
        if (await db.Set<Homework>().CountAsync(h => h.TherapistId == therapist && h.ClientId == client && h.EndedAt == null, cancel) >= MaxOpen)
        {
            return new HomeworkOutcome.Invalid(new() { ["item"] = [$"A client can have up to {MaxOpen} pieces of homework at once. End one first."] });
        }
        var row = new Homework
        {
            Id = Guid.CreateVersion7(),
            TherapistId = therapist,
            ClientId = client,
            Kind = kind!.Value,
            Item = kind == HomeworkKind.Measure ? MeasureCatalog.Find(request.Item)!.Slug : request.Item!,
            TimesPerWeek = request.TimesPerWeek!.Value,
            Note = note,
            StartsAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(row);
        await db.SaveChangesAsync(cancel);
        return new HomeworkOutcome.Done((await ListAsync(therapist, client, therapist, cancel)).First(h => h.Id == row.Id));
    }

    public async Task<bool> EndAsync(Guid therapist, Guid client, Guid id, CancellationToken cancel) =>
        await TherapyLinks.ConsentedAsync(db, therapist, client, cancel) != DataStream.None
        && await db.Set<Homework>().Where(h => h.Id == id && h.TherapistId == therapist && h.ClientId == client && h.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.EndedAt, clock.GetUtcNow().UtcDateTime), cancel) == 1;

    /// <summary>
    /// The client's open homework (from <paramref name="therapist"/>, or every therapist when null), as <paramref name="reader"/>
    /// (the client or that therapist) may see its progress.
    /// </summary>
    public async Task<List<HomeworkDto>> ListAsync(Guid reader, Guid client, Guid? therapist, CancellationToken cancel)
    {
        var plans = await db.Set<Homework>().AsNoTracking()
            .Where(h => h.ClientId == client && h.EndedAt == null && (therapist == null || h.TherapistId == therapist))
            .OrderBy(h => h.StartsAt).ToListAsync(cancel);
        if (plans.Count == 0)
        {
            return [];
        }
        var since = plans.Min(h => h.StartsAt);
        var streams = reader == client ? DataStream.Practices | DataStream.Measures : await TherapyLinks.ConsentedAsync(db, reader, client, cancel);
        var done = new List<Done>();
        if (streams.HasFlag(DataStream.Practices) && plans.Any(p => p.Kind == HomeworkKind.Practice))
        {
            var rows = await access.ListAsync<PracticeSession, Done>(reader, Whose.All,
                q => q.Where(s => s.OwnerId == client && s.EndedAt >= since), s => new Done(s.PracticeId, s.EndedAt, s.Effect), cancel);
            done.AddRange(rows.Select(r => r.Value with { Item = "practice:" + r.Value.Item }));
        }
        if (streams.HasFlag(DataStream.Measures) && plans.Any(p => p.Kind == HomeworkKind.Measure))
        {
            var rows = await access.ListAsync<MeasureResponse, Answered>(reader, Whose.All,
                q => q.Where(m => m.OwnerId == client && m.TakenAt >= since), m => new Answered(m.Kind, m.TakenAt), cancel);
            done.AddRange(rows.Select(r => new Done("measure:" + MeasureCatalog.Of(r.Value.Kind).Slug, r.Value.At, null)));
        }
        var names = await People.NamesAsync(db, plans.Select(p => p.TherapistId), cancel);
        var weekStart = clock.GetUtcNow().UtcDateTime.AddDays(-7);
        return [.. plans.Select(p =>
        {
            var key = (p.Kind == HomeworkKind.Practice ? "practice:" : "measure:") + p.Item;
            var visible = streams.HasFlag(p.Kind == HomeworkKind.Practice ? DataStream.Practices : DataStream.Measures);
            var mine = done.Where(d => d.Item == key && d.At >= p.StartsAt).ToList();
            var effects = mine.Where(d => d.Effect is not null).Select(d => (double)d.Effect!.Value).ToList();
            return new HomeworkDto(p.Id, p.TherapistId, names.GetValueOrDefault(p.TherapistId, "your therapist"), p.ClientId,
                p.Kind.ToString().ToLowerInvariant(), p.Item, Title(p.Kind, p.Item), p.TimesPerWeek, p.Note, p.StartsAt, p.EndedAt,
                visible ? mine.Count(d => d.At >= weekStart) : null, visible ? mine.Count : null,
                visible && effects.Count > 0 ? Math.Round(effects.Average(), 1) : null);
        })];
    }

    public static string Title(HomeworkKind kind, string item) => kind == HomeworkKind.Practice
        ? PracticeLibrary.Find(item)?.Title ?? item
        : MeasureCatalog.Find(item)?.Title ?? item;
}
