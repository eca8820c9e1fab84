using System.Collections.Frozen;
using System.Net;
using Microsoft.AspNetCore.Html;

namespace Attune.Web.Features.Shared;

/// <summary>
/// Line icons drawn for Attune on a 24-unit grid, rendered inline so they inherit the text colour
/// and need no extra request. They are decorative: the text beside them carries the meaning.
/// </summary>
public static class Icons
{
    private static readonly FrozenDictionary<string, string> Shapes = new Dictionary<string, string>
    {
        ["checkin"] = """<path d="M12 20.5s-7.5-4.6-7.5-10.6A4.2 4.2 0 0 1 12 7.3a4.2 4.2 0 0 1 7.5 2.6c0 6-7.5 10.6-7.5 10.6z"/><path d="M7.5 12.5h2.3l1.2-2 2 4 1.2-2h2.3"/>""",
        ["practices"] = """<path d="M3.5 9h10.5a3 3 0 1 0-3-3"/><path d="M3.5 13h14a3 3 0 1 1-3 3"/><path d="M3.5 17h6"/>""",
        ["together"] = """<circle cx="9" cy="12" r="5.5"/><circle cx="15" cy="12" r="5.5"/>""",
        ["insights"] = """<path d="M4 19.5h16"/><path d="M5 15.5c2.5 0 3-5 5.5-5s2.5 3 5 3 2.5-6 3.5-7.5"/>""",
        ["settings"] = """<path d="M4 7h9"/><path d="M17 7h3"/><circle cx="15" cy="7" r="2"/><path d="M4 17h3"/><path d="M11 17h9"/><circle cx="9" cy="17" r="2"/>""",
        ["help"] = """<circle cx="12" cy="12" r="8.5"/><circle cx="12" cy="12" r="3.5"/><path d="M6 6l3.5 3.5M14.5 14.5 18 18M18 6l-3.5 3.5M9.5 14.5 6 18"/>""",
        ["phone"] = """<path d="M6.6 3.5h2.2l1.4 4.2-2 1.4a11 11 0 0 0 6.7 6.7l1.4-2 4.2 1.4v2.2a2.1 2.1 0 0 1-2.2 2.1A16.6 16.6 0 0 1 4.5 5.7a2.1 2.1 0 0 1 2.1-2.2z"/>""",
        ["globe"] = """<circle cx="12" cy="12" r="8.5"/><path d="M3.5 12h17"/><path d="M12 3.5c2.3 2.4 3.4 5.2 3.4 8.5s-1.1 6.1-3.4 8.5c-2.3-2.4-3.4-5.2-3.4-8.5S9.7 5.9 12 3.5z"/>""",
        ["breath"] = """<path d="M4 12c2-3 4-3 6 0s4 3 6 0 3-3 4-1.5"/><path d="M4 17c2-3 4-3 6 0s4 3 6 0 3-3 4-1.5" opacity=".55"/><path d="M4 7c2-3 4-3 6 0s4 3 6 0 3-3 4-1.5" opacity=".55"/>""",
        ["logout"] = """<path d="M9.5 4H6.5a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h3"/><path d="M15.5 16l4-4-4-4"/><path d="M19.5 12H10"/>""",
        ["chevron-down"] = """<path d="M6 9.5l6 6 6-6"/>""",
        ["arrow-right"] = """<path d="M5 12h14"/><path d="M13 6l6 6-6 6"/>""",
        ["info"] = """<circle cx="12" cy="12" r="8.5"/><path d="M12 11v5.5"/><path d="M12 7.8v.2"/>""",
        ["check"] = """<circle cx="12" cy="12" r="8.5"/><path d="M8.3 12.3l2.5 2.5 5-5.2"/>""",
        ["warning"] = """<path d="M10.3 4.4 3 17.2a2 2 0 0 0 1.7 3h14.6a2 2 0 0 0 1.7-3L13.7 4.4a2 2 0 0 0-3.4 0z"/><path d="M12 9.5v4.5"/><path d="M12 17v.2"/>""",
        ["error"] = """<circle cx="12" cy="12" r="8.5"/><path d="M9 9l6 6M15 9l-6 6"/>""",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The named icon as an inline, aria-hidden SVG. Unknown names are a programming error.</summary>
    public static IHtmlContent Svg(string name, string? cssClass = null)
    {
        if (!Shapes.TryGetValue(name, out var shape))
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "No icon has this name.");
        }

        var classAttribute = cssClass is null ? "" : $" class=\"{WebUtility.HtmlEncode(cssClass)}\"";
        return new HtmlString(
            $"""<svg{classAttribute} xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">{shape}</svg>""");
    }

    /// <summary>Attune's mark: two soft circles overlapping, two people and the space they share.</summary>
    public static IHtmlContent Mark() => new HtmlString(
        """<svg class="mark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false"><circle class="mark__a" cx="12" cy="16" r="9"/><circle class="mark__b" cx="20" cy="16" r="9"/><path class="mark__lens" d="M16 7.94A9 9 0 0 1 16 24.06A9 9 0 0 1 16 7.94z"/></svg>""");
}
