using System.Security.Claims;
using Attune.Web.Features.Accounts;
using Attune.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;

namespace Attune.Web.Tests.Accounts;

public sealed class CachedTicketFormatTests
{
    private readonly CountingFormat _inner = new();
    private readonly TestClock _clock = new();

    [Fact]
    public void The_same_cookie_is_decrypted_once_within_the_lifetime_and_again_after_it()
    {
        var format = new CachedTicketFormat(_inner, _clock);

        Assert.Equal("robin", format.Unprotect("cookie-1")!.Principal.Identity!.Name);
        Assert.Equal("robin", format.Unprotect("cookie-1")!.Principal.Identity!.Name);
        Assert.Equal(1, _inner.Unprotects);

        _clock.Advance(CachedTicketFormat.Lifetime);
        format.Unprotect("cookie-1");
        Assert.Equal(2, _inner.Unprotects);
    }

    [Fact]
    public void Every_hit_gets_its_own_copy_so_one_request_cannot_change_the_next()
    {
        var format = new CachedTicketFormat(_inner, _clock);
        var first = format.Unprotect("cookie-1")!;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("added", "by one request"));
        first.Properties.Items["changed"] = "yes";

        var second = format.Unprotect("cookie-1")!;

        Assert.NotSame(first, second);
        Assert.Null(second.Principal.FindFirst("added"));
        Assert.False(second.Properties.Items.ContainsKey("changed"));
    }

    [Fact]
    public void A_different_cookie_an_invalid_one_or_a_purpose_goes_to_the_real_format()
    {
        var format = new CachedTicketFormat(_inner, _clock);
        format.Unprotect("cookie-1");
        format.Unprotect("cookie-2");
        Assert.Null(format.Unprotect("forged"));
        Assert.Null(format.Unprotect("forged"));
        format.Unprotect("cookie-1", "another purpose");

        Assert.Equal(5, _inner.Unprotects);
    }

    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            return protectedText is not null && protectedText.StartsWith("cookie-", StringComparison.Ordinal)
                ? new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "robin")], "test")), "Identity.Application")
                : null;
        }
    }
}
