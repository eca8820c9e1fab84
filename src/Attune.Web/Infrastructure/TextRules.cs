using System.Globalization;
using System.Text;

namespace Attune.Web.Infrastructure;

/// <summary>Rules for free text people type into short fields (names, labels).</summary>
public static class TextRules
{
    /// <summary>
    /// Trims and checks a short single-line text: no control or format characters (which hide text or
    /// reverse it), no line breaks, within the length. Returns the clean text or a message to show.
    /// </summary>
    public static (string? Value, string? Error) SingleLine(string? input, int maxLength, string field, bool required)
    {
        var text = (input ?? "").Trim();
        if (text.Length == 0)
        {
            return required ? (null, $"Please enter a {field}.") : ("", null);
        }
        if (text.Length > maxLength)
        {
            return (null, $"The {field} can be at most {maxLength} characters.");
        }
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
            {
                return (null, $"The {field} contains characters we can't store. Please use letters, numbers, spaces and punctuation.");
            }
        }
        return (text, null);
    }

    /// <summary>
    /// Trims and checks a longer text that may have line breaks and tabs (a note), with the same refusals as
    /// <see cref="SingleLine"/> otherwise. Empty is null.
    /// </summary>
    public static (string? Value, string? Error) MultiLine(string? input, int maxLength, string field)
    {
        var text = (input ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length == 0)
        {
            return (null, null);
        }
        if (text.Length > maxLength)
        {
            return (null, $"The {field} can be at most {maxLength} characters.");
        }
        foreach (var line in text.Split('\n'))
        {
            if (SingleLine(line.Replace('\t', ' '), maxLength, field, required: false).Error is { } error)
            {
                return (null, error);
            }
        }
        return (text, null);
    }

    public static bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
