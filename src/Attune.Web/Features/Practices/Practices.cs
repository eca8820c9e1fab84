using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Practices.Library;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Practices;

/// <summary>What saving an own practice came to.</summary>
public abstract record OwnPracticeOutcome
{
    public sealed record Saved(Practice Practice) : OwnPracticeOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : OwnPracticeOutcome;

    public sealed record NotFound : OwnPracticeOutcome;
}

/// <summary>
/// The library and people's own practices: the one implementation behind the API and the practice pages. Own
/// practices are read through <see cref="Access"/>, so someone a person shares practices with can read theirs.
/// </summary>
public sealed class Practices(AttuneDb db, Access access, TimeProvider clock)
{
    private static readonly JsonSerializerOptions StepJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The library and the caller's own practices, narrowed by group and a search text, in library order.</summary>
    public async Task<List<Practice>> ListAsync(Guid me, PracticeGroup? group, string? search, CancellationToken cancel)
    {
        var own = await OwnAsync(me, cancel);
        IEnumerable<Practice> all = [.. PracticeLibrary.All, .. own];
        if (group is { } g)
        {
            all = all.Where(p => p.Group == g);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var words = search.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            all = all.Where(p => words.All(w => Matches(p, w)));
        }
        return [.. all];
    }

    private static bool Matches(Practice p, string word) =>
        p.Title.Contains(word, StringComparison.OrdinalIgnoreCase)
        || p.Summary.Contains(word, StringComparison.OrdinalIgnoreCase)
        || p.Steps.Any(s => s.Text.Contains(word, StringComparison.OrdinalIgnoreCase))
        || p.Fits.Any(f => f.Why.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>The caller's own practices, by title.</summary>
    public async Task<List<Practice>> OwnAsync(Guid me, CancellationToken cancel) =>
        [.. (await access.Own<OwnPractice>(me).AsNoTracking().OrderBy(p => p.Title).ToListAsync(cancel)).Select(ToPractice)];

    /// <summary>A library practice, or an own practice the reader may read (theirs, or shared with them).</summary>
    public async Task<Practice?> FindAsync(Guid reader, string id, CancellationToken cancel)
    {
        if (PracticeLibrary.Find(id) is { } library)
        {
            return library;
        }
        if (!Guid.TryParse(id, out var guid))
        {
            return null;
        }
        var row = await access.FindAsync<OwnPractice, OwnPractice>(reader, guid, p => p, cancel);
        return row is null ? null : ToPractice(row.Value);
    }

    /// <summary>The title of each id the reader may see (the library's, their own and shared ones), for lists of sessions.</summary>
    public async Task<Dictionary<string, string>> TitlesAsync(Guid reader, IEnumerable<string> ids, CancellationToken cancel)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var guids = new List<Guid>();
        foreach (var id in ids.Distinct())
        {
            if (PracticeLibrary.Find(id) is { } p)
            {
                titles[id] = p.Title;
            }
            else if (Guid.TryParse(id, out var guid))
            {
                guids.Add(guid);
            }
        }
        if (guids.Count > 0)
        {
            foreach (var row in await access.ListAsync<OwnPractice, OwnPractice>(reader, Whose.All, q => q.Where(p => guids.Contains(p.Id)), p => p, cancel))
            {
                titles[row.Value.Id.ToString()] = row.Value.Title;
            }
        }
        return titles;
    }

    public async Task<OwnPracticeOutcome> CreateAsync(Guid me, OwnPracticeRequest request, CancellationToken cancel)
    {
        var (valid, errors) = PracticeRules.ValidateOwn(request);
        if (valid is null)
        {
            return new OwnPracticeOutcome.Invalid(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new OwnPractice { Id = Guid.CreateVersion7(), OwnerId = me, CreatedAt = now };
        Apply(row, valid, now);
        db.Add(row);
        await db.SaveChangesAsync(cancel);
        return new OwnPracticeOutcome.Saved(ToPractice(row));
    }

    public async Task<OwnPracticeOutcome> UpdateAsync(Guid me, Guid id, OwnPracticeRequest request, CancellationToken cancel)
    {
        var row = await access.Own<OwnPractice>(me).FirstOrDefaultAsync(p => p.Id == id, cancel);
        if (row is null)
        {
            return new OwnPracticeOutcome.NotFound();
        }
        var (valid, errors) = PracticeRules.ValidateOwn(request);
        if (valid is null)
        {
            return new OwnPracticeOutcome.Invalid(errors);
        }
        Apply(row, valid, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancel);
        return new OwnPracticeOutcome.Saved(ToPractice(row));
    }

    /// <summary>Deletes one of the caller's own practices; the sessions done with it stay, shown as a practice since removed.</summary>
    public async Task<bool> DeleteAsync(Guid me, Guid id, CancellationToken cancel) =>
        await access.Own<OwnPractice>(me).Where(p => p.Id == id).ExecuteDeleteAsync(cancel) == 1;

    /// <summary>The breathing rate the resonance finder chose with the person, breaths a minute, or null.</summary>
    public async Task<double?> ResonanceRateAsync(Guid me, CancellationToken cancel) =>
        await access.Own<PracticePreferences>(me).Select(p => p.ResonanceRate).FirstOrDefaultAsync(cancel);

    /// <summary>Stores the rate the finder chose, and what it chose by ("comfort" now; "heartRate" once a strap is connected).</summary>
    public async Task SaveResonanceRateAsync(Guid me, double rate, string basis, CancellationToken cancel)
    {
        var row = await access.Own<PracticePreferences>(me).FirstOrDefaultAsync(cancel);
        if (row is null)
        {
            row = new PracticePreferences { OwnerId = me };
            db.Add(row);
        }
        row.ResonanceRate = rate;
        row.ResonanceBasis = basis;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancel);
    }

    private static void Apply(OwnPractice row, ValidOwnPractice v, DateTime now)
    {
        row.Title = v.Title;
        row.Summary = v.Summary;
        row.Group = v.Group;
        row.States = string.Join(',', v.States.Select(StateNames.Of));
        row.Steps = JsonSerializer.Serialize(v.Steps.Select(s => new PracticeStepDto(s.Text, s.Seconds, s.Breathe)), StepJson);
        row.Minutes = v.Minutes;
        row.Inhale = v.Breathing?.Inhale;
        row.HoldIn = v.Breathing?.HoldIn;
        row.Exhale = v.Breathing?.Exhale;
        row.HoldOut = v.Breathing?.HoldOut;
        row.Cautions = v.Cautions;
        row.UpdatedAt = now;
    }

    public static Practice ToPractice(OwnPractice row)
    {
        var steps = JsonSerializer.Deserialize<PracticeStepDto[]>(row.Steps, StepJson) ?? [];
        var states = row.States.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(StateNames.Parse).OfType<NervousState>();
        return new Practice(
            row.Id.ToString(), row.Title, row.Summary, row.Group, row.Minutes,
            [.. states.Select(s => new StateFit(s, "You chose it for this state."))],
            [.. steps.Select(s => new PracticeStep(s.Text, s.Seconds, s.Breathe))],
            null, null, [], row.Cautions is { } c ? [c] : [],
            row is { Inhale: { } i, HoldIn: { } hi, Exhale: { } e, HoldOut: { } ho } ? new BreathPattern(i, hi, e, ho) : null,
            row.OwnerId);
    }

    public static PracticeDto ToDto(Practice p) => new(
        p.Id, p.Title, p.Summary, PracticeGroups.Name(p.Group), p.Minutes,
        [.. p.Fits.Select(f => new StateFitDto(StateNames.Of(f.State), f.Why))],
        [.. p.Steps.Select(s => new PracticeStepDto(s.Text, s.Seconds, s.Breathe))],
        p.Breathing is { } b ? new BreathingDto(b.Inhale, b.HoldIn, b.Exhale, b.HoldOut, Math.Round(b.BreathsPerMinute, 2)) : null,
        p.Strength is { } strength ? new EvidenceDto(EvidenceStrengths.Name(strength), EvidenceStrengths.Label(strength), p.Evidence ?? "") : null,
        [.. p.References.Select(r => new ReferenceDto(r.Citation, r.Doi, r.Doi is { } doi ? "https://doi.org/" + doi : null))],
        [.. p.Cautions],
        p.IsOwn);

    public static PracticeSummaryDto ToSummary(Practice p) =>
        new(p.Id, p.Title, p.Summary, PracticeGroups.Name(p.Group), p.Minutes, p.Breathing is not null, p.IsOwn);
}
