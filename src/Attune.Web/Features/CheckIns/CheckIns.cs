using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.CheckIns;

/// <summary>What saving a check-in came to.</summary>
public abstract record CheckInOutcome
{
    public sealed record Saved(CheckInDto CheckIn) : CheckInOutcome;

    /// <summary>The same idempotency key was used before: this is the check-in stored then.</summary>
    public sealed record Replayed(CheckInDto CheckIn) : CheckInOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : CheckInOutcome;

    public sealed record NotFound : CheckInOutcome;
}

/// <summary>
/// Creating, reading, changing and deleting check-ins: the one implementation behind the API, the check-in
/// pages and the import. Reads go through <see cref="Access"/>, so someone a person shares check-ins with sees
/// the shared ones only, only while the grant holds, and every such read is in the owner's access log.
/// </summary>
public sealed class CheckIns(AttuneDb db, Access access, CheckInWriter writer, TimeProvider clock)
{
    private static CheckInVocabulary Vocabulary => CheckInVocabulary.Instance;

    public async Task<CheckInOutcome> CreateAsync(Guid me, CheckInRequest request, CancellationToken cancel)
    {
        if (request.IdempotencyKey is { } key && await FindByKeyAsync(me, key, cancel) is { } earlier)
        {
            return new CheckInOutcome.Replayed(earlier);
        }
        var (valid, errors) = await ValidateAsync(me, request, cancel);
        if (valid is null)
        {
            return new CheckInOutcome.Invalid(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var checkIn = new CheckIn { Id = Guid.CreateVersion7(), OwnerId = me, CreatedAt = now, IdempotencyKey = request.IdempotencyKey };
        Apply(checkIn, valid, now);
        try
        {
            await writer.WriteAsync(checkIn, cancel);
        }
        catch (DbUpdateException) when (request.IdempotencyKey is { } raced)
        {
            // Two copies of one submission arrived together; the other one was stored first.
            if (await FindByKeyAsync(me, raced, cancel) is { } first)
            {
                return new CheckInOutcome.Replayed(first);
            }
            throw;
        }
        // Built from what was just stored: no second read on the hot path.
        return new CheckInOutcome.Saved((await ToDtosAsync(me, [checkIn], cancel))[0]);
    }

    public async Task<CheckInOutcome> UpdateAsync(Guid me, Guid id, CheckInRequest request, CancellationToken cancel)
    {
        var checkIn = await access.Own<CheckIn>(me).FirstOrDefaultAsync(c => c.Id == id, cancel);
        if (checkIn is null)
        {
            return new CheckInOutcome.NotFound();
        }
        var (valid, errors) = await ValidateAsync(me, request with { IdempotencyKey = null }, cancel);
        if (valid is null)
        {
            return new CheckInOutcome.Invalid(errors);
        }
        Apply(checkIn, valid, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancel);
        return new CheckInOutcome.Saved((await FindAsync(me, id, cancel))!);
    }

    public async Task<bool> DeleteAsync(Guid me, Guid id, CancellationToken cancel) =>
        await access.DeleteOwnAsync<CheckIn>(me, c => c.Id == id, cancel) == 1;

    /// <summary>A check-in the reader may see: their own, or one shared with them under a check-ins grant.</summary>
    public async Task<CheckInDto?> FindAsync(Guid reader, Guid id, CancellationToken cancel)
    {
        var row = await access.FindAsync<CheckIn, CheckIn>(reader, id, c => c, cancel);
        return row is null ? null : (await ToDtosAsync(reader, [row.Value], cancel))[0];
    }

    /// <summary>Check-ins on local dates from <paramref name="from"/> to <paramref name="to"/> (inclusive), newest first.</summary>
    public async Task<List<CheckInDto>> ListAsync(Guid reader, Whose whose, DateOnly? from, DateOnly? to, int limit, CancellationToken cancel)
    {
        var rows = await access.ListAsync<CheckIn, CheckIn>(reader, whose,
            q => q.Where(c => (from == null || c.LocalDate >= from) && (to == null || c.LocalDate <= to))
                .OrderByDescending(c => c.OccurredAt).Take(limit),
            c => c, cancel);
        return await ToDtosAsync(reader, [.. rows.Select(r => r.Value)], cancel);
    }

    /// <summary>The words to offer a person: Attune's vocabulary and their own words.</summary>
    public async Task<List<EmotionWord>> WordsAsync(Guid me, CancellationToken cancel)
    {
        var own = await access.Own<CustomEmotion>(me).AsNoTracking().OrderBy(e => e.NormalizedName).ToListAsync(cancel);
        return [.. Vocabulary.Emotions, .. own.Select(ToWord)];
    }

    public async Task<CheckInVisibility> DefaultVisibilityAsync(Guid me, CancellationToken cancel) =>
        await access.Own<CheckInPreferences>(me).Select(p => (CheckInVisibility?)p.DefaultVisibility).FirstOrDefaultAsync(cancel)
            ?? CheckInVisibility.Private;

    /// <summary>The check-ins' words, body and context, with names resolved (own words of their owners included).</summary>
    public async Task<List<CheckInDto>> ToDtosAsync(Guid reader, IReadOnlyList<CheckIn> rows, CancellationToken cancel)
    {
        var owners = rows.Select(r => r.OwnerId).Distinct().ToList();
        var ownIds = rows.SelectMany(r => CheckInRules.ParseEmotions(r.Emotions)).Select(CustomEmotion.ParseWordId).OfType<Guid>().Distinct().ToList();
        var own = ownIds.Count == 0
            ? []
            : (await access.ListAsync<CustomEmotion, CustomEmotion>(reader, Whose.All, q => q.Where(e => ownIds.Contains(e.Id)), e => e, cancel))
                .Where(r => owners.Contains(r.OwnerId)).Select(r => r.Value).ToDictionary(e => e.WordId, ToWord);
        var others = owners.Where(o => o != reader).ToList();
        var names = others.Count == 0 ? [] : await People.NamesAsync(db, others, cancel);
        return [.. rows.Select(c => new CheckInDto(
            c.Id,
            StateNames.Of(c.State),
            c.Intensity,
            c.Blend is { } b ? StateNames.Of(b) : null,
            [.. CheckInRules.ParseEmotions(c.Emotions).Select(id => Word(id, own))],
            CheckInRules.ParseBody(c.Body),
            CheckInRules.ParseContext(c.Context),
            new CheckInScalesDto(c.Stress, c.SleepHours),
            c.Note,
            c.OccurredAt,
            c.TimeZone,
            c.LocalDate,
            c.Visibility == CheckInVisibility.Shared ? "shared" : "private",
            c.CreatedAt,
            c.UpdatedAt,
            c.OwnerId,
            c.OwnerId == reader ? null : names.GetValueOrDefault(c.OwnerId, "someone")))];
    }

    private static EmotionRefDto Word(string id, Dictionary<string, EmotionWord> own) =>
        Vocabulary.EmotionById.TryGetValue(id, out var word) || own.TryGetValue(id, out word)
            ? new EmotionRefDto(word.Id, word.Name, word.Pleasantness, word.Energy)
            : new EmotionRefDto(id, "a word since removed", 0, 0);

    public static EmotionWord ToWord(CustomEmotion e) =>
        new(e.WordId, e.Name, e.Definition ?? "Your own word.", e.Pleasantness, e.Energy, [], [], []);

    /// <summary>What the rules need to know about the person: their own words, zone and default visibility.</summary>
    public sealed record ValidationContext(IReadOnlySet<string> OwnWordIds, string Zone, CheckInVisibility DefaultVisibility);

    public async Task<ValidationContext> ValidationContextAsync(Guid me, CancellationToken cancel)
    {
        var ownIds = (await access.Own<CustomEmotion>(me).Select(e => e.Id).ToListAsync(cancel)).Select(id => CustomEmotion.IdPrefix + id.ToString("N")).ToHashSet();
        var zone = await TimeZones.OfUserAsync(db, me, cancel) ?? TimeZones.Default;
        return new ValidationContext(ownIds, zone, await DefaultVisibilityAsync(me, cancel));
    }

    /// <summary>
    /// Reads only what this request leaves open: own words when it names one, the person's zone and default
    /// visibility when it does not give them. A typical check-in from the app needs none of the three.
    /// </summary>
    private async Task<(ValidCheckIn? Value, Dictionary<string, string[]> Errors)> ValidateAsync(Guid me, CheckInRequest request, CancellationToken cancel)
    {
        IReadOnlySet<string> ownIds = new HashSet<string>();
        if (request.EmotionIds?.Any(id => id?.StartsWith(CustomEmotion.IdPrefix, StringComparison.Ordinal) == true) == true)
        {
            ownIds = (await access.Own<CustomEmotion>(me).Select(e => e.Id).ToListAsync(cancel)).Select(id => CustomEmotion.IdPrefix + id.ToString("N")).ToHashSet();
        }
        var zone = string.IsNullOrWhiteSpace(request.TimeZone) ? await TimeZones.OfUserAsync(db, me, cancel) ?? TimeZones.Default : TimeZones.Default;
        var visibility = string.IsNullOrWhiteSpace(request.Visibility) ? await DefaultVisibilityAsync(me, cancel) : CheckInVisibility.Private;
        return CheckInRules.Validate(request, Vocabulary, ownIds, clock.GetUtcNow().UtcDateTime, zone, visibility);
    }

    internal static void Apply(CheckIn c, ValidCheckIn v, DateTime now)
    {
        (c.LocalDate, c.LocalMinute) = LocalTimes.Of(v.OccurredAt, v.TimeZone);
        c.OccurredAt = v.OccurredAt;
        c.TimeZone = v.TimeZone;
        c.State = v.State;
        c.Intensity = v.Intensity;
        c.Blend = v.Blend;
        c.Emotions = string.Join(',', v.EmotionIds);
        c.Body = CheckInRules.SerializeBody(v.Body);
        c.Context = CheckInRules.SerializeContext(v.Context);
        c.Stress = v.Stress;
        c.SleepHours = v.SleepHours;
        c.Note = v.Note;
        c.Visibility = v.Visibility;
        c.UpdatedAt = now;
    }

    private async Task<CheckInDto?> FindByKeyAsync(Guid me, string key, CancellationToken cancel)
    {
        var existing = await access.Own<CheckIn>(me).AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == key, cancel);
        return existing is null ? null : (await ToDtosAsync(me, [existing], cancel))[0];
    }
}
