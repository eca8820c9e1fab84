using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Export;

/// <summary>One of the person's own feeling words. <c>wordId</c> is how their check-ins name it.</summary>
public sealed record EmotionWordExportDto(Guid Id, string WordId, string Name, string? Definition, int Pleasantness, int Energy, DateTime CreatedAt);

/// <summary>The person's own words: exported, and imported before the check-ins that use them.</summary>
public sealed class EmotionWordsExport(AttuneDb db, Access access) : IExportStream, IImportStream
{
    public const string StreamName = "emotionWords";

    public string Name => StreamName;

    public int Order => 10;

    private async Task<List<EmotionWordExportDto>> ReadAsync(Guid me, CancellationToken cancel) =>
        [.. (await access.Own<CustomEmotion>(me).AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(cancel))
            .Select(e => new EmotionWordExportDto(e.Id, e.WordId, e.Name, e.Definition, e.Pleasantness, e.Energy, e.CreatedAt))];

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel) =>
        JsonSerializer.Serialize(json, await ReadAsync(context.OwnerId, cancel), ImportJson.Options);

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel) =>
        await CsvFiles.WriteAsync(zip, "emotion-words.csv", ["id", "wordId", "name", "definition", "pleasantness", "energy", "createdAt"],
            (await ReadAsync(context.OwnerId, cancel)).Select(w => new[]
            {
                w.Id.ToString(), w.WordId, CsvCells.Safe(w.Name), CsvCells.Safe(w.Definition), w.Pleasantness.ToString(CultureInfo.InvariantCulture),
                w.Energy.ToString(CultureInfo.InvariantCulture), CsvCells.Instant(w.CreatedAt),
            }), cancel);

    public async Task CheckAsync(ImportContext context, JsonElement value, CancellationToken cancel)
    {
        if (ImportJson.Items<EmotionWordExportDto>(context, Name, value, OwnWords.MaxWords) is not { } items)
        {
            return;
        }
        var me = context.OwnerId;
        var mine = await access.Own<CustomEmotion>(me).AsNoTracking().Select(e => new { e.Id, e.NormalizedName }).ToListAsync(cancel);
        var byName = mine.ToDictionary(e => e.NormalizedName, e => e.Id, StringComparer.Ordinal);
        var placed = await IdPlacement.PlaceAsync(Access.Unchecked<CustomEmotion>(db), me, items.Select(i => i.Item.Id), cancel);
        int added = 0, already = 0;
        foreach (var (index, item) in items)
        {
            var (name, definition, errors) = OwnWords.Check(new CustomEmotionRequest(item.Name, item.Definition, item.Pleasantness, item.Energy));
            if (errors.Count > 0)
            {
                context.Problem(Name, index, $"{errors.First().Key}: {errors.First().Value[0]}");
                continue;
            }
            var normalized = name!.ToLowerInvariant();
            var (id, isNew) = placed[item.Id];
            // The same word under another id (added again by hand, or imported before): check-ins follow the one here.
            if (byName.TryGetValue(normalized, out var existing))
            {
                context.Ids[(Name, item.Id)] = existing;
                already++;
                continue;
            }
            context.Ids[(Name, item.Id)] = id;
            if (!isNew)
            {
                already++;
                continue;
            }
            byName[normalized] = id;
            db.Add(new CustomEmotion
            {
                Id = id,
                OwnerId = me,
                Name = name,
                NormalizedName = normalized,
                Definition = definition,
                Pleasantness = item.Pleasantness,
                Energy = item.Energy,
                CreatedAt = item.CreatedAt == default ? context.Now : item.CreatedAt,
            });
            added++;
        }
        if (byName.Count > OwnWords.MaxWords)
        {
            context.Problem(Name, null, $"with these, you would have more than {OwnWords.MaxWords} words of your own. Remove some first.");
        }
        context.Counts.Add(new ImportCount(Name, added, already));
    }
}

/// <summary>Check-ins, exactly as the API shows them to their owner (notes included).</summary>
public sealed class CheckInsExport(AttuneDb db, Access access, CheckInTransfer transfer) : IExportStream, IImportStream
{
    public string Name => "checkIns";

    public int Order => 20;

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel) =>
        JsonSerializer.Serialize(json, await transfer.AllAsync(context.OwnerId, cancel), ImportJson.Options);

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel)
    {
        var entry = zip.CreateEntry("check-ins.csv", CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancel);
        await using var text = new StreamWriter(stream, CheckInTransfer.Utf8);
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        await transfer.WriteCsvAsync(context.OwnerId, buffer, cancel);
        await text.WriteAsync(buffer.ToString());
    }

    public async Task CheckAsync(ImportContext context, JsonElement value, CancellationToken cancel)
    {
        if (ImportJson.Items<CheckInDto>(context, Name, value, CheckInTransfer.MaxImportRows) is not { } items)
        {
            return;
        }
        var me = context.OwnerId;
        var placed = await IdPlacement.PlaceAsync(Access.Unchecked<CheckIn>(db), me, items.Select(i => i.Item.Id), cancel);
        var keys = (await access.Own<CheckIn>(me).Where(c => c.IdempotencyKey != null && c.IdempotencyKey.StartsWith("import:"))
            .Select(c => c.IdempotencyKey!).ToListAsync(cancel)).ToHashSet(StringComparer.Ordinal);
        var zone = await Accounts.TimeZones.OfUserAsync(db, me, cancel) ?? Accounts.TimeZones.Default;
        int added = 0, already = 0;
        foreach (var (index, item) in items)
        {
            var key = "import:" + item.Id.ToString("N");
            var (id, isNew) = placed[item.Id];
            if (!isNew || !keys.Add(key))
            {
                already++;
                continue;
            }
            var emotionIds = item.Emotions?.Select(e => OwnWordId(context, e.Id)).ToArray() ?? [];
            var request = new CheckInRequest(item.State, item.Intensity, item.Blend, emotionIds, item.Body, item.Context, item.Scales, item.Note,
                new DateTimeOffset(DateTime.SpecifyKind(item.OccurredAt, DateTimeKind.Utc)), item.TimeZone, item.Visibility, key);
            // Own words are checked by the word stream; a check-in may also keep a word its owner removed since, as it did before.
            var ownIds = emotionIds.Where(e => CustomEmotion.ParseWordId(e) is not null).ToHashSet(StringComparer.Ordinal);
            var (valid, errors) = CheckInRules.Validate(request, CheckInVocabulary.Instance, ownIds, context.Now, zone, CheckInVisibility.Private);
            if (valid is null)
            {
                context.Problem(Name, index, $"{errors.First().Key}: {errors.First().Value[0]}");
                continue;
            }
            var checkIn = new CheckIn
            {
                Id = id,
                OwnerId = me,
                IdempotencyKey = key,
                CreatedAt = item.CreatedAt == default ? context.Now : item.CreatedAt,
            };
            CheckIns.CheckIns.Apply(checkIn, valid, context.Now);
            db.Add(checkIn);
            added++;
        }
        context.Counts.Add(new ImportCount(Name, added, already));
    }

    /// <summary>A check-in's word id, following the person's own word to the id it has in this account.</summary>
    private static string OwnWordId(ImportContext context, string wordId) =>
        CustomEmotion.ParseWordId(wordId) is { } original && context.Ids.TryGetValue((EmotionWordsExport.StreamName, original), out var id)
            ? CustomEmotion.IdPrefix + id.ToString("N")
            : wordId;
}

/// <summary>Check-in settings: default visibility and reminder times. Browsers and the calendar address belong to devices, so only their count is told.</summary>
public sealed record CheckInSettingsExportDto(
    string DefaultVisibility,
    IReadOnlyList<string> ReminderTimes,
    int RandomPerDay,
    string RandomFrom,
    string RandomTo,
    bool CalendarFeed,
    IReadOnlyList<PushDeviceExportDto> PushDevices);

public sealed record PushDeviceExportDto(string Device, DateTime CreatedAt);

/// <summary>Check-in preferences. Imported only into an account that has none yet, so an import never overrides choices made here.</summary>
public sealed class CheckInSettingsExport(Access access, CheckIns.Reminders.ReminderSettings settings, AttuneDb db) : IExportStream, IImportStream
{
    public string Name => "checkInSettings";

    public int Order => 30;

    private async Task<CheckInSettingsExportDto> ReadAsync(Guid me, CancellationToken cancel)
    {
        var s = await settings.GetAsync(me, cancel);
        var devices = await access.Own<PushSubscription>(me).AsNoTracking().OrderBy(p => p.CreatedAt)
            .Select(p => new PushDeviceExportDto(p.Device, p.CreatedAt)).ToListAsync(cancel);
        return new CheckInSettingsExportDto(s.DefaultVisibility, s.ReminderTimes, s.RandomPerDay, s.RandomFrom, s.RandomTo, s.CalendarFeed, devices);
    }

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel) =>
        JsonSerializer.Serialize(json, await ReadAsync(context.OwnerId, cancel), ImportJson.Options);

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel)
    {
        var s = await ReadAsync(context.OwnerId, cancel);
        await CsvFiles.WriteAsync(zip, "check-in-settings.csv", ["defaultVisibility", "reminderTimes", "randomPerDay", "randomFrom", "randomTo", "calendarFeed", "pushDevices"],
            [[s.DefaultVisibility, string.Join(';', s.ReminderTimes), s.RandomPerDay.ToString(CultureInfo.InvariantCulture), s.RandomFrom, s.RandomTo,
                s.CalendarFeed ? "true" : "false", CsvCells.Safe(string.Join('\n', s.PushDevices.Select(d => d.Device)))]], cancel);
    }

    public async Task CheckAsync(ImportContext context, JsonElement value, CancellationToken cancel)
    {
        CheckInSettingsExportDto? item;
        try
        {
            item = value.Deserialize<CheckInSettingsExportDto>(ImportJson.Options);
        }
        catch (JsonException)
        {
            item = null;
        }
        if (item is null)
        {
            context.Problem(Name, null, "doesn't read as in the export.");
            return;
        }
        var request = new CheckIns.Reminders.CheckInSettingsRequest(item.DefaultVisibility, [.. item.ReminderTimes ?? []], item.RandomPerDay, item.RandomFrom, item.RandomTo);
        var (valid, errors) = CheckIns.Reminders.ReminderSettings.Validate(request, CheckIns.Reminders.ReminderSettings.DefaultPlan);
        if (valid is null)
        {
            context.Problem(Name, null, $"{errors.First().Key}: {errors.First().Value[0]}");
            return;
        }
        if (await access.Own<CheckInPreferences>(context.OwnerId).AnyAsync(cancel))
        {
            context.Counts.Add(new ImportCount(Name, 0, 1));
            return;
        }
        // No browser is subscribed to this account yet, so there is no next reminder to schedule.
        db.Add(new CheckInPreferences
        {
            OwnerId = context.OwnerId,
            DefaultVisibility = valid.Visibility,
            ReminderTimes = CheckIns.Reminders.ReminderSchedule.StoreTimes(valid.Plan.Fixed),
            RandomPerDay = valid.Plan.RandomPerDay,
            RandomFromMinute = valid.Plan.RandomFrom.Hour * 60 + valid.Plan.RandomFrom.Minute,
            RandomToMinute = valid.Plan.RandomTo.Hour * 60 + valid.Plan.RandomTo.Minute,
            UpdatedAt = context.Now,
        });
        context.Counts.Add(new ImportCount(Name, 1, 0));
    }
}

/// <summary>Where imported items go: their own id when free or already the importer's, otherwise a derived one.</summary>
public static class IdPlacement
{
    /// <summary>
    /// For each original id: the id it gets here and whether that is a new row (false: the importer has it already).
    /// One query over the whole set, whoever owns the rows; it reveals nothing, since the answer is only "use another id".
    /// </summary>
    public static async Task<Dictionary<Guid, (Guid Id, bool IsNew)>> PlaceAsync<T>(IQueryable<T> all, Guid me, IEnumerable<Guid> originals, CancellationToken cancel)
        where T : class, IOwnedData<T>
    {
        var ids = originals.Distinct().ToList();
        var derived = ids.ToDictionary(id => id, id => ImportContext.DerivedId(me, id));
        var candidates = ids.Concat(derived.Values).ToList();
        var owners = new Dictionary<Guid, Guid>();
        foreach (var chunk in candidates.Chunk(5000))
        {
            foreach (var row in await all.Where(x => chunk.Contains(x.Id)).Select(x => new { x.Id, x.OwnerId }).ToListAsync(cancel))
            {
                owners[row.Id] = row.OwnerId;
            }
        }
        var result = new Dictionary<Guid, (Guid, bool)>();
        foreach (var id in ids)
        {
            if (!owners.TryGetValue(id, out var owner))
            {
                // Imported before under the derived id, when this one belonged to someone else (and has since gone)?
                result[id] = owners.TryGetValue(derived[id], out var d) && d == me ? (derived[id], false) : (id, true);
            }
            else if (owner == me)
            {
                result[id] = (id, false);
            }
            else if (!owners.TryGetValue(derived[id], out var d))
            {
                result[id] = (derived[id], true);
            }
            else
            {
                // The derived id is someone else's too: as likely as guessing a random 122-bit number; a fresh id then.
                result[id] = d == me ? (derived[id], false) : (Guid.CreateVersion7(), true);
            }
        }
        return result;
    }
}
