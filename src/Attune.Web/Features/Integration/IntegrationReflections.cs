using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Integration;

/// <summary>What saving a reflection came to.</summary>
public abstract record IntegrationOutcome
{
    public sealed record Saved(IntegrationReflectionDto Reflection) : IntegrationOutcome;

    public sealed record Repeated(Guid ExistingId) : IntegrationOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : IntegrationOutcome;
}

/// <summary>Integration reflections for the API and the page; reads through <see cref="Access"/> (stream <c>measures</c>).</summary>
public sealed class IntegrationReflections(AttuneDb db, Access access, TimeProvider clock)
{
    public const int MaxRows = 1000;

    public async Task<IntegrationOutcome> SaveAsync(Guid me, IntegrationRequest request, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var values = new int[IntegrationDomains.All.Count];
        if (request.Answers is null)
        {
            errors["answers"] = ["Give an answer for each of the nine domains, from -3 (towards chaos) to 3 (towards rigidity)."];
        }
        else
        {
            foreach (var name in request.Answers.Keys.Where(k => IntegrationDomains.Find(k) is null))
            {
                errors[$"answers.{name}"] = [$"There is no domain called \"{name}\". Use: {string.Join(", ", IntegrationDomains.All.Select(d => d.Slug))}."];
            }
            for (var i = 0; i < IntegrationDomains.All.Count; i++)
            {
                var domain = IntegrationDomains.All[i];
                var given = request.Answers.Where(a => string.Equals(a.Key.Trim(), domain.Slug, StringComparison.OrdinalIgnoreCase)).Select(a => (int?)a.Value).ToList();
                if (given.Count != 1)
                {
                    errors[$"answers.{domain.Slug}"] = [given.Count == 0 ? "Place yourself on this one too." : "Give this domain once."];
                }
                else if (given[0] is < IntegrationDomains.Min or > IntegrationDomains.Max)
                {
                    errors[$"answers.{domain.Slug}"] = [$"Use a whole number from {IntegrationDomains.Min} to {IntegrationDomains.Max}; it was {given[0]}."];
                }
                else
                {
                    values[i] = given[0]!.Value;
                }
            }
        }
        var key = request.IdempotencyKey;
        if (key is not null && (key.Length is 0 or > IntegrationReflection.IdempotencyKeyMaxLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')))
        {
            errors["idempotencyKey"] = [$"Use up to {IntegrationReflection.IdempotencyKeyMaxLength} letters, digits, '-', '_', '.' or ':'."];
        }
        if (errors.Count > 0)
        {
            return new IntegrationOutcome.Invalid(errors);
        }
        if (key is not null && await FindByKeyAsync(me, key, cancel) is { } earlier)
        {
            return new IntegrationOutcome.Repeated(earlier);
        }
        var row = new IntegrationReflection { Id = Guid.CreateVersion7(), OwnerId = me, TakenAt = clock.GetUtcNow().UtcDateTime, IdempotencyKey = key };
        row.SetValues(values);
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException) when (key is not null)
        {
            db.Entry(row).State = EntityState.Detached;
            if (await FindByKeyAsync(me, key, cancel) is { } first)
            {
                return new IntegrationOutcome.Repeated(first);
            }
            throw;
        }
        return new IntegrationOutcome.Saved(ToDto(row, me, null));
    }

    /// <summary>Reflections the reader may see, newest first.</summary>
    public async Task<List<IntegrationReflectionDto>> ListAsync(Guid reader, Whose whose, int limit, CancellationToken cancel)
    {
        var rows = await access.ListAsync<IntegrationReflection, IntegrationReflection>(reader, whose,
            q => q.OrderByDescending(r => r.TakenAt).ThenByDescending(r => r.Id).Take(limit), r => r, cancel);
        var others = rows.Select(r => r.OwnerId).Where(o => o != reader).Distinct().ToList();
        var names = others.Count == 0 ? [] : await People.NamesAsync(db, others, cancel);
        return [.. rows.Select(r => ToDto(r.Value, reader, names.GetValueOrDefault(r.OwnerId, "someone")))];
    }

    private async Task<Guid?> FindByKeyAsync(Guid me, string key, CancellationToken cancel) =>
        await access.Own<IntegrationReflection>(me).Where(r => r.IdempotencyKey == key).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancel);

    internal static IntegrationReflectionDto ToDto(IntegrationReflection row, Guid reader, string? sharedBy)
    {
        var values = row.Values();
        var domains = IntegrationDomains.All.Select((d, i) => new IntegrationDomainDto(
            d.Slug, d.Name, values[i], IntegrationDomains.Lean(values[i]), IntegrationDomains.Flow(values[i]),
            Math.Abs(values[i]) >= IntegrationDomains.NeedsCareFrom, d.PracticesUrl)).ToArray();
        return new IntegrationReflectionDto(row.Id, row.TakenAt, domains, row.OwnerId, row.OwnerId == reader ? null : sharedBy);
    }
}
