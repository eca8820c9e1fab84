namespace Attune.Cli.Tests;

/// <summary>Finds files under shared/reference-data by walking up from the test assembly (null when absent, except on CI).</summary>
/// <remarks>Same approach as tests/Attune.Analysis.Tests/ReferenceData.cs.</remarks>
internal static class ReferenceData
{
    public static string? Find(string relativePath)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "reference-data", relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
            directory = directory.Parent;
        }
        // Locally a missing copy only narrows the run; on CI the data is always beside the clone,
        // so a miss there is a broken set-up that must not pass quietly.
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new FileNotFoundException($"Reference file shared/reference-data/{relativePath} not found above {AppContext.BaseDirectory}.");
        }
        return null;
    }
}
