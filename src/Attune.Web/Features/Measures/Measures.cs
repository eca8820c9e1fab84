using Attune.Analysis.Measures;
using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Measures;

/// <summary>What submitting a measure came to.</summary>
public abstract record MeasureOutcome
{
    public sealed record Saved(MeasureResultDto Result) : MeasureOutcome;

    /// <summary>The idempotency key was used before: nothing new was stored; <paramref name="ExistingId"/> is the first.</summary>
    public sealed record Repeated(Guid ExistingId, string Kind) : MeasureOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : MeasureOutcome;
}

/// <summary>
/// Storing and reading filled-in measures: the one implementation behind the API and the pages. The server scores
/// every response (Attune.Analysis); reads go through <see cref="Access"/> (stream <c>measures</c>).
/// </summary>
public sealed class Measures(AttuneDb db, Access access, TimeProvider clock)
{
    /// <summary>How many of a person's responses are read to work out reliable change; years of weekly measures.</summary>
    public const int MaxRows = 2000;

    public async Task<MeasureOutcome> SubmitAsync(Guid me, string? kind, MeasureRequest request, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var form = MeasureCatalog.Find(kind);
        if (form is null)
        {
            errors["kind"] = [$"There is no measure called \"{kind}\". Use one of: {MeasureCatalog.Slugs}."];
        }
        var key = request.IdempotencyKey;
        if (key is not null && (key.Length is 0 or > MeasureResponse.IdempotencyKeyMaxLength || !key.All(IsKeyCharacter)))
        {
            errors["idempotencyKey"] = [$"Use up to {MeasureResponse.IdempotencyKeyMaxLength} letters, digits, '-', '_', '.' or ':'."];
        }
        MeasureScore? score = null;
        if (request.Answers is null)
        {
            errors["answers"] = ["Give the answers as a list of whole numbers, one per item."];
        }
        else if (form is not null)
        {
            switch (MeasureScoring.Score(form.Instrument, request.Answers))
            {
                case ScoringOutcome.Scored s:
                    score = s.Score;
                    break;
                case ScoringOutcome.Rejected r:
                    errors[r.Item is { } i ? $"answers[{i}]" : "answers"] = [r.Problem];
                    break;
            }
        }
        if (errors.Count > 0 || score is null || form is null)
        {
            return new MeasureOutcome.Invalid(errors);
        }
        if (key is not null && await FindByKeyAsync(me, key, cancel) is { } earlier)
        {
            return earlier;
        }
        var row = new MeasureResponse
        {
            Id = Guid.CreateVersion7(),
            OwnerId = me,
            Kind = form.Kind,
            Answers = string.Join(',', request.Answers!),
            Total = score.Total,
            Band = score.Band.Id,
            SafetyScreen = score.SafetyScreen,
            TakenAt = clock.GetUtcNow().UtcDateTime,
            IdempotencyKey = key,
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Two copies of one submission arrived together; the other one was stored first.
            db.Entry(row).State = EntityState.Detached;
            if (await FindByKeyAsync(me, key, cancel) is { } first)
            {
                return first;
            }
            throw;
        }
        var previous = await access.Own<MeasureResponse>(me).AsNoTracking()
            .Where(m => m.Kind == form.Kind && m.Id != row.Id && m.TakenAt <= row.TakenAt)
            .OrderByDescending(m => m.TakenAt).ThenByDescending(m => m.Id).FirstOrDefaultAsync(cancel);
        return new MeasureOutcome.Saved(ToDto(row, previous, me, null));
    }

    /// <summary>
    /// Responses the reader may see (<paramref name="whose"/>), of one kind or all, newest first, each with its reliable
    /// change from the same owner's previous response of that kind.
    /// </summary>
    public async Task<List<MeasureResultDto>> HistoryAsync(Guid reader, Whose whose, MeasureKind? kind, int limit, CancellationToken cancel)
    {
        var rows = await access.ListAsync<MeasureResponse, MeasureResponse>(reader, whose,
            q => q.Where(m => kind == null || m.Kind == kind).OrderByDescending(m => m.TakenAt).ThenByDescending(m => m.Id).Take(MaxRows),
            m => m, cancel);
        var others = rows.Select(r => r.OwnerId).Where(o => o != reader).Distinct().ToList();
        var names = others.Count == 0 ? [] : await People.NamesAsync(db, others, cancel);
        var result = new List<MeasureResultDto>(rows.Count);
        foreach (var series in rows.Select(r => r.Value).GroupBy(r => (r.OwnerId, r.Kind)))
        {
            // Newest first within the series, so each row's previous response is the next one.
            var ordered = series.ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var owner = ordered[i].OwnerId;
                result.Add(ToDto(ordered[i], i + 1 < ordered.Count ? ordered[i + 1] : null, reader,
                    owner == reader ? null : names.GetValueOrDefault(owner, "someone")));
            }
        }
        return [.. result.OrderByDescending(r => r.TakenAt).ThenByDescending(r => r.Id).Take(limit)];
    }

    /// <summary>One of the caller's own responses of a kind (the newest when <paramref name="id"/> is null), for the result page.</summary>
    public async Task<MeasureResultDto?> OwnAsync(Guid me, MeasureKind kind, Guid? id, CancellationToken cancel)
    {
        var mine = await HistoryAsync(me, Whose.Mine, kind, MaxRows, cancel);
        return id is { } wanted ? mine.FirstOrDefault(m => m.Id == wanted) : mine.FirstOrDefault();
    }

    private async Task<MeasureOutcome.Repeated?> FindByKeyAsync(Guid me, string key, CancellationToken cancel) =>
        await access.Own<MeasureResponse>(me).Where(m => m.IdempotencyKey == key)
            .Select(m => new { m.Id, m.Kind }).FirstOrDefaultAsync(cancel) is { } found
            ? new MeasureOutcome.Repeated(found.Id, MeasureCatalog.Of(found.Kind).Slug)
            : null;

    private static bool IsKeyCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    internal static MeasureResultDto ToDto(MeasureResponse row, MeasureResponse? previous, Guid reader, string? sharedBy)
    {
        var instrument = Instrument.Of(row.Kind);
        ReliableChangeDto? change = null;
        if (previous is not null && ReliableChangeNorms.For(row.Kind) is { } figures)
        {
            var rc = ReliableChange.Between(instrument, previous.Total, row.Total, figures);
            change = new ReliableChangeDto(previous.Id, rc.Change, Math.Round(rc.Index, 3), Math.Round(rc.Threshold, 3), DirectionName(rc.Direction));
        }
        return new MeasureResultDto(
            row.Id,
            MeasureCatalog.Of(row.Kind).Slug,
            row.TakenAt,
            row.AnswerValues(),
            row.Total,
            instrument.MaxTotal,
            row.Kind == MeasureKind.Who5 ? row.Total * 4 : null,
            row.Band,
            row.SafetyScreen,
            change,
            row.OwnerId,
            row.OwnerId == reader ? null : sharedBy);
    }

    public static string DirectionName(ChangeDirection direction) => direction switch
    {
        ChangeDirection.Improved => "improved",
        ChangeDirection.Worsened => "worsened",
        _ => "none",
    };
}
