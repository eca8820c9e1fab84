using System.Text;
using Attune.Browser.Tests.Infrastructure;

namespace Attune.Browser.Tests;

public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1 rows: the secret "12345678901234567890"; the RFC prints 8 digits, an
    // authenticator shows their last 6.
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void Code_Rfc6238Vectors_MatchLastSixDigits(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(Encoding.ASCII.GetBytes("12345678901234567890"), unixSeconds / Totp.StepSeconds));

    [Fact]
    public void DecodeBase32_KeyAsShownWithSpaces_DecodesRfc4648() =>
        Assert.Equal("foobar"u8.ToArray(), Totp.DecodeBase32("mzxw 6ytb oi======"));
}
