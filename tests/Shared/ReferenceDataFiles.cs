namespace Attune.TestSupport;

/// <summary>
/// Finds files of the shared real recordings (<c>shared/reference-data</c>, beside the clone) by walking up
/// from the test assembly. They are read in place, never copied into the repository. Linked into every test
/// project.
/// </summary>
internal static class ReferenceDataFiles
{
    /// <summary>
    /// The full path of <paramref name="relativePath"/>, or null when the data is not there. Locally a missing
    /// copy only narrows the run; on CI (<c>CI=true</c>) the data is always beside the clone, so a miss there
    /// is a broken set-up that must not pass quietly, and it throws.
    /// </summary>
    public static string? Find(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "reference-data", relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw NotFound(relativePath);
        }
        return null;
    }

    /// <summary>The full path of <paramref name="relativePath"/>; a missing file fails the test anywhere.</summary>
    public static string Require(string relativePath) => Find(relativePath) ?? throw NotFound(relativePath);

    private static FileNotFoundException NotFound(string relativePath) =>
        new($"Reference file shared/reference-data/{relativePath} not found above {AppContext.BaseDirectory}.");
}
