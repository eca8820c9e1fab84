namespace Attune.Web.Tests.Infrastructure;

/// <summary>Every answer, page, API or error, carries the strict headers (ASVS V3: no inline script, no framing, no sniffing, no referrer).</summary>
public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/v1/me")]
    [InlineData("/no-such-page")]
    [InlineData("/healthz")]
    public async Task Pages_api_answers_and_errors_carry_the_strict_headers(string path)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
