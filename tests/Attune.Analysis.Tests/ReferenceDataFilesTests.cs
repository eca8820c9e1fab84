using Attune.TestSupport;

namespace Attune.Analysis.Tests;

/// <summary>The locator every test project links: a missing reference file must fail a test, never narrow the run.</summary>
public sealed class ReferenceDataFilesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("attune-refdata-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Require_MissingFile_ThrowsNamingTheFile()
    {
        var start = _root.CreateSubdirectory("clone/tests/bin").FullName;

        var error = Assert.Throws<FileNotFoundException>(() => ReferenceDataFiles.Require("rr/missing.rr.csv", start));

        Assert.Contains("shared/reference-data/rr/missing.rr.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_MissingFileAboveTheTestAssembly_Throws() =>
        Assert.Throws<FileNotFoundException>(() => ReferenceDataFiles.Require("rr/no-such-recording.rr.csv"));

    [Fact]
    public void Require_FileInAParentFolder_ReturnsItsPath()
    {
        var data = _root.CreateSubdirectory("shared/reference-data/rr");
        var file = Path.Combine(data.FullName, "tiny.rr.csv");
        File.WriteAllText(file, "rr_ms\n800\n");
        var start = _root.CreateSubdirectory("clone/tests/bin").FullName;

        Assert.Equal(file, ReferenceDataFiles.Require("rr/tiny.rr.csv", start));
    }
}
