using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Attune.Browser.Tests.Infrastructure;

/// <summary>Screenshots for the documentation, written to <c>docs/screenshots/&lt;name&gt;.png</c> in the repository.</summary>
public static partial class Screenshots
{
    /// <summary>Saves the page (animations stopped) and returns the file path.</summary>
    /// <param name="page">The page to capture.</param>
    /// <param name="name">File name without extension: letters, digits, '-', '_' or '.', e.g. <c>check-in-phone-dark</c>.</param>
    /// <param name="fullPage">Capture the whole scrollable page instead of the viewport.</param>
    public static async Task<string> SaveAsync(IPage page, string name, bool fullPage = false)
    {
        var path = PathFor(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            FullPage = fullPage,
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
        return path;
    }

    /// <summary>The file a screenshot called <paramref name="name"/> is written to.</summary>
    public static string PathFor(string name)
    {
        if (!SafeName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain file name.", nameof(name));
        }

        return Path.Combine(RepoPaths.Root, "docs", "screenshots", name + ".png");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();
}
