using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Accounts;

/// <summary>
/// Remembers, for a minute, the sign-in ticket decrypted from an exact cookie value, so a person clicking
/// around does not pay for decrypting and reading the same cookie on every request (about a third of a
/// signed-in page's cost). Only a byte-for-byte copy of a cookie the server itself issued can hit the
/// cache, every hit gets its own copy of the ticket, and everything else still runs on every request:
/// the expiry check, session revocation (<see cref="Sessions"/>) and the security-stamp check.
/// </summary>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    // Bounded, so a flood of distinct valid cookies cannot grow it without end.
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, DateTimeOffset Until)> _tickets = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }
        var now = clock.GetUtcNow();
        if (_tickets.TryGetValue(protectedText, out var cached) && cached.Until > now)
        {
            return cached.Ticket.Clone();
        }
        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null)
        {
            if (_tickets.Count >= MaxEntries)
            {
                _tickets.Clear();
            }
            _tickets[protectedText] = (ticket.Clone(), now + Lifetime);
        }
        return ticket;
    }

    /// <summary>Wraps the application cookie's ticket format once the framework has created it.</summary>
    public sealed class Setup(TimeProvider clock) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == IdentityConstants.ApplicationScheme && options.TicketDataFormat is not CachedTicketFormat)
            {
                options.TicketDataFormat = new CachedTicketFormat(options.TicketDataFormat, clock);
            }
        }
    }
}
