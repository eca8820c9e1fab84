namespace Attune.Web.Tests.Recordings;

/// <summary>Finds files under shared/reference-data by walking up from the test assembly, as the analysis tests do.</summary>
internal static class SharedReferenceData
{
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
        // On CI the data is always beside the clone: a miss there is a broken set-up, not a pass.
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new FileNotFoundException($"Reference file shared/reference-data/{relativePath} not found above {AppContext.BaseDirectory}.");
        }
        return null;
    }
}
