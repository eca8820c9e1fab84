namespace Attune.TestSupport;

/// <summary>
/// Finds files of the shared real recordings (<c>shared/reference-data</c>, beside the clone) by walking up
/// from the test assembly. They are read in place, never copied into the repository. Linked into every test
/// project.
/// </summary>
internal static class ReferenceDataFiles
{
    /// <summary>
    /// The full path of <paramref name="relativePath"/>. A missing file throws, locally as on CI: a test that
    /// needs the data and quietly did nothing would report coverage that did not happen.
    /// </summary>
    /// <exception cref="FileNotFoundException">No <c>shared/reference-data/<paramref name="relativePath"/></c> above the test assembly.</exception>
    public static string Require(string relativePath) => Require(relativePath, AppContext.BaseDirectory);

    /// <summary>As <see cref="Require(string)"/>, searching upwards from <paramref name="startDirectory"/>.</summary>
    public static string Require(string relativePath, string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "reference-data", relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException(
            $"Reference file shared/reference-data/{relativePath} not found above {startDirectory}. "
            + "The tests read the shared reference recordings in place: put the shared folder beside (or above) the clone.",
            relativePath);
    }
}
