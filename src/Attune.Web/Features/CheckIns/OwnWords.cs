using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Attune.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.CheckIns;

/// <summary>A person's own feeling words: added with their place on pleasantness and energy, removed at will.</summary>
public sealed class OwnWords(AttuneDb db, Access access, TimeProvider clock)
{
    /// <summary>Enough for a rich personal vocabulary; a list past this is no longer a vocabulary.</summary>
    public const int MaxWords = 200;

    public async Task<(EmotionWord? Word, Dictionary<string, string[]>? Errors)> AddAsync(Guid me, CustomEmotionRequest request, CancellationToken cancel)
    {
        var (name, definition, errors) = Check(request);
        var normalized = name?.ToLowerInvariant() ?? "";
        if (errors.Count == 0)
        {
            if (await access.Own<CustomEmotion>(me).AnyAsync(e => e.NormalizedName == normalized, cancel))
            {
                errors["name"] = ["You already have this word."];
            }
            else if (await access.Own<CustomEmotion>(me).CountAsync(cancel) >= MaxWords)
            {
                errors["name"] = [$"You can have up to {MaxWords} words of your own. Remove one you no longer use first."];
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var word = new CustomEmotion
        {
            Id = Guid.CreateVersion7(),
            OwnerId = me,
            Name = name!,
            NormalizedName = normalized,
            Definition = definition,
            Pleasantness = request.Pleasantness!.Value,
            Energy = request.Energy!.Value,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(word);
        await db.SaveChangesAsync(cancel);
        return (CheckIns.ToWord(word), null);
    }

    /// <summary>The rules a word must meet on its own (the import checks them too): name, meaning, its place, not one of Attune's.</summary>
    public static (string? Name, string? Definition, Dictionary<string, string[]> Errors) Check(CustomEmotionRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var (name, nameError) = TextRules.SingleLine(request.Name, CustomEmotion.NameMaxLength, "word", required: true);
        if (nameError is not null)
        {
            errors["name"] = [nameError];
        }
        var (definition, definitionError) = TextRules.SingleLine(request.Definition, CustomEmotion.DefinitionMaxLength, "meaning", required: false);
        if (definitionError is not null)
        {
            errors["definition"] = [definitionError];
        }
        if (request.Pleasantness is not (>= -5 and <= 5))
        {
            errors["pleasantness"] = ["Place the word from −5 (very unpleasant) to +5 (very pleasant)."];
        }
        if (request.Energy is not (>= -5 and <= 5))
        {
            errors["energy"] = ["Place the word from −5 (very low energy) to +5 (very high energy)."];
        }
        if (errors.Count == 0 && CheckInVocabulary.Instance.Emotions.Any(e => e.Name == name!.ToLowerInvariant()))
        {
            errors["name"] = ["Attune already has this word, so you can choose it directly."];
        }
        return (name, string.IsNullOrEmpty(definition) ? null : definition, errors);
    }

    public async Task<bool> RemoveAsync(Guid me, string wordId, CancellationToken cancel) =>
        CustomEmotion.ParseWordId(wordId) is { } id && await access.DeleteOwnAsync<CustomEmotion>(me, e => e.Id == id, cancel) == 1;
}
