using Microsoft.AspNetCore.Html;

namespace Attune.Web.Features.Shared;

/// <summary>
/// Quiet empty-state pictures, inline so they follow the theme's colours through CSS classes.
/// Decorative only: the sentence beside each one says what the page is for.
/// </summary>
public static class Illustrations
{
    private const string Open = """<svg class="illustration" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 160" width="240" height="160" aria-hidden="true" focusable="false">""";

    /// <summary>A sun resting on calm water: noticing where you are now.</summary>
    public static IHtmlContent CheckIn { get; } = new HtmlString(Open + """
        <ellipse class="ill-ground" cx="120" cy="128" rx="104" ry="22"/>
        <circle class="ill-accent-soft" cx="120" cy="82" r="46"/>
        <circle class="ill-accent" cx="120" cy="86" r="28"/>
        <path class="ill-water" d="M28 104c18-10 34-10 52 0s34 10 52 0 34-10 52 0 22 8 28 4v32H28z"/>
        <path class="ill-line" d="M56 122c10-5 18-5 28 0s18 5 28 0"/>
        <path class="ill-line" d="M128 134c10-5 18-5 28 0s18 5 28 0"/>
        </svg>
        """);

    /// <summary>Rings widening like a slow breath.</summary>
    public static IHtmlContent Practices { get; } = new HtmlString(Open + """
        <ellipse class="ill-ground" cx="120" cy="134" rx="96" ry="16"/>
        <circle class="ill-soft" cx="120" cy="76" r="62"/>
        <circle class="ill-ring" cx="120" cy="76" r="46"/>
        <circle class="ill-primary" cx="120" cy="76" r="26"/>
        <circle class="ill-core" cx="120" cy="76" r="11"/>
        <circle class="ill-accent" cx="186" cy="30" r="6"/>
        <circle class="ill-accent-soft" cx="52" cy="40" r="9"/>
        </svg>
        """);

    /// <summary>Two circles leaning into each other, and the space they share.</summary>
    public static IHtmlContent Together { get; } = new HtmlString(Open + """
        <ellipse class="ill-ground" cx="120" cy="134" rx="100" ry="16"/>
        <circle class="ill-primary-soft-strong" cx="96" cy="78" r="48"/>
        <circle class="ill-accent-soft-strong" cx="144" cy="78" r="48"/>
        <path class="ill-lens" d="M120 36.4a48 48 0 0 1 0 83.2 48 48 0 0 1 0-83.2z"/>
        <path class="ill-line" d="M106 78c4 4 8 6 14 6s10-2 14-6"/>
        </svg>
        """);

    /// <summary>A gentle line rising over soft columns: patterns that emerge with time.</summary>
    public static IHtmlContent Insights { get; } = new HtmlString(Open + """
        <ellipse class="ill-ground" cx="120" cy="136" rx="104" ry="14"/>
        <rect class="ill-soft" x="40" y="88" width="26" height="44" rx="10"/>
        <rect class="ill-soft" x="78" y="70" width="26" height="62" rx="10"/>
        <rect class="ill-soft" x="116" y="96" width="26" height="36" rx="10"/>
        <rect class="ill-soft" x="154" y="58" width="26" height="74" rx="10"/>
        <path class="ill-trend" d="M38 84c18-10 30-24 48-24s22 26 42 26 30-36 56-44"/>
        <circle class="ill-accent" cx="184" cy="42" r="7"/>
        </svg>
        """);
}
