namespace Attune.Browser.Tests.Infrastructure;

[Collection(BrowserCollection.Name)]
public sealed class ScreenshotsTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public void PathFor_NameWithPath_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => Screenshots.PathFor(name));

    [Fact]
    public void PathFor_PlainName_IsInThisRunsFolder() =>
        Assert.Equal(Path.Combine(Screenshots.Folder, "home-phone-dark.png"), Screenshots.PathFor("home-phone-dark"));

    [Fact]
    public void FolderFor_Docs_IsDocsScreenshots() =>
        Assert.Equal(Path.Combine(RepoPaths.Root, "docs", "screenshots"), Screenshots.FolderFor(forDocs: true));

    [Fact]
    public void FolderFor_OrdinaryRun_IsTestResults() =>
        Assert.Equal(Path.Combine(RepoPaths.Root, "TestResults", "screenshots"), Screenshots.FolderFor(forDocs: false));

    [Fact]
    public async Task SaveAsync_Page_WritesPng()
    {
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        await session.Page.GotoAsync("healthz");
        var name = "selftest-" + Guid.NewGuid().ToString("n");

        var path = await Screenshots.SaveAsync(session.Page, name);
        try
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
