namespace Attune.Browser.Tests.Infrastructure;

public sealed class ScreenshotsTests
{
    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public void PathFor_NameWithPath_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => Screenshots.PathFor(name));

    [Fact]
    public void PathFor_PlainName_IsUnderDocsScreenshots() =>
        Assert.Equal(
            Path.Combine(RepoPaths.Root, "docs", "screenshots", "home-phone-dark.png"),
            Screenshots.PathFor("home-phone-dark"));
}
