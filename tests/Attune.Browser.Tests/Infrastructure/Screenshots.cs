using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Attune.Browser.Tests.Infrastructure;

/// <summary>
/// Screenshots of the real pages. With <c>ATTUNE_SCREENSHOTS=1</c> they are written to <c>docs/screenshots</c> for
/// the documentation; otherwise to <c>TestResults/screenshots</c> (ignored by git), so that an ordinary test run
/// leaves the working tree clean.
/// </summary>
public static partial class Screenshots
{
    /// <summary>Set to <c>1</c> to write the screenshots into <c>docs/screenshots</c>.</summary>
    public const string Variable = "ATTUNE_SCREENSHOTS";

    /// <summary>True when this run updates the documentation's screenshots.</summary>
    public static bool ForDocs => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>The folder this run writes screenshots to.</summary>
    public static string Folder => FolderFor(ForDocs);

    /// <summary><c>docs/screenshots</c> when <paramref name="forDocs"/>, else <c>TestResults/screenshots</c>, both in the repository.</summary>
    public static string FolderFor(bool forDocs) =>
        forDocs
            ? Path.Combine(RepoPaths.Root, "docs", "screenshots")
            : Path.Combine(RepoPaths.Root, "TestResults", "screenshots");

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

    /// <summary>The file a screenshot called <paramref name="name"/> is written to in this run.</summary>
    public static string PathFor(string name)
    {
        if (!SafeName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain file name.", nameof(name));
        }

        return Path.Combine(Folder, name + ".png");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();
}
