namespace Attune.Web.Tests.Infrastructure;

public sealed class AntiforgeryTests
{
    [Theory]
    [InlineData("<form><input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"CfDJ8&#x2B;a\" /></form>", "CfDJ8+a")]
    [InlineData("<input type='hidden' value='abc' name='__RequestVerificationToken'>", "abc")]
    [InlineData("<input name=\"Email\" value=\"x\"><input value=\"t\" name=\"__RequestVerificationToken\">", "t")]
    public void ParseToken_HiddenInput_ReturnsDecodedValue(string html, string expected) =>
        Assert.Equal(expected, Antiforgery.ParseToken(html));

    [Fact]
    public void ParseToken_NoToken_ReturnsNull() =>
        Assert.Null(Antiforgery.ParseToken("<form><input name=\"Email\" value=\"x\"></form>"));
}
