namespace Attune.Web.Tests.Infrastructure;

public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the nearest folder above the test assembly that holds <c>Attune.slnx</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The browser code's folder, <c>src/Attune.Web/client</c>, with its <c>node_modules</c>.</summary>
    public static string Client => Path.Combine(Root, "src", "Attune.Web", "client");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Attune.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Attune.slnx above {AppContext.BaseDirectory}.");
    }
}
