namespace Attune.TestSupport;

/// <summary>Finds fixture files in tests/Shared that both the C# tests and the browser client's tests read, by walking
/// up from the test assembly to the repository's tests folder.</summary>
internal static class SharedFixtures
{
    /// <summary>The full path of tests/Shared/<paramref name="name"/>.</summary>
    /// <exception cref="FileNotFoundException">No tests/Shared/<paramref name="name"/> above the test assembly.</exception>
    public static string Path(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "tests", "Shared", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"tests/Shared/{name} not found above {AppContext.BaseDirectory}.", name);
    }
}
