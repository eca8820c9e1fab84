using System.Net;
using System.Text.RegularExpressions;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Dev;

public sealed record OutboxEntry(string To, string Subject, DateTimeOffset SentAt, IReadOnlyList<string> Paragraphs, IReadOnlyList<(string Text, string Href)> Links);

/// <summary>
/// Development only, and only to a browser on this machine: the emails that would have been sent, so every account
/// flow can be tried on a laptop.
/// Bodies are shown as plain text plus their links rather than as HTML.
/// </summary>
public sealed partial class OutboxModel(DevOutbox outbox, IWebHostEnvironment environment) : PageModel
{
    public IReadOnlyList<OutboxEntry> Messages { get; private set; } = [];

    public IActionResult OnGet()
    {
        // Reset and confirmation links sit here: only for someone on this machine, never for whoever can reach the port.
        if (!environment.IsDevelopment() || HttpContext.Connection.RemoteIpAddress is not { } client || !IPAddress.IsLoopback(client))
        {
            return NotFound();
        }
        Messages = [.. outbox.Newest().Select(m => new OutboxEntry(m.To, m.Subject, m.SentAt, Paragraphs(m.HtmlBody), Links(m.HtmlBody)))];
        return Page();
    }

    private static IReadOnlyList<string> Paragraphs(string html) =>
        [.. html.Split("</p>", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => WebUtility.HtmlDecode(Tags().Replace(p.Replace("<br>", " ", StringComparison.Ordinal), "")).Trim())
            .Where(p => p.Length > 0)];

    private static IReadOnlyList<(string, string)> Links(string html) =>
        [.. Anchors().Matches(html)
            .Select(m => (WebUtility.HtmlDecode(m.Groups["text"].Value), WebUtility.HtmlDecode(m.Groups["href"].Value)))
            .Where(l => l.Item2.StartsWith("http://", StringComparison.Ordinal) || l.Item2.StartsWith("https://", StringComparison.Ordinal))];

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("<a href=\"(?<href>[^\"]*)\">(?<text>[^<]*)</a>")]
    private static partial Regex Anchors();
}
