using System.Collections.Concurrent;
using System.Net;
using System.Net.Mail;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Accounts;

public sealed record OutboxMessage(Guid Id, string To, string Subject, string HtmlBody, DateTimeOffset SentAt);

/// <summary>
/// Where mail goes when no SMTP server is configured: kept in memory (last 50 messages) and shown
/// on /dev/outbox in Development, so every account flow works on a laptop.
/// </summary>
public sealed class DevOutbox
{
    private const int Capacity = 50;
    private readonly ConcurrentQueue<OutboxMessage> _messages = new();

    public void Add(OutboxMessage message)
    {
        _messages.Enqueue(message);
        while (_messages.Count > Capacity && _messages.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<OutboxMessage> Newest() => [.. _messages.Reverse()];

    public OutboxMessage? LatestTo(string email) =>
        _messages.Reverse().FirstOrDefault(m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase));
}

public interface IMailTransport
{
    Task SendAsync(string to, string subject, string htmlBody);
}

public sealed class OutboxTransport(DevOutbox outbox, TimeProvider clock) : IMailTransport
{
    public Task SendAsync(string to, string subject, string htmlBody)
    {
        outbox.Add(new OutboxMessage(Guid.NewGuid(), to, subject, htmlBody, clock.GetUtcNow()));
        return Task.CompletedTask;
    }
}

public sealed class SmtpTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task SendAsync(string to, string subject, string htmlBody)
    {
        var o = options.Value;
        using var client = new SmtpClient(o.Host, o.Port) { EnableSsl = o.EnableSsl };
        if (!string.IsNullOrEmpty(o.UserName))
        {
            client.Credentials = new NetworkCredential(o.UserName, o.Password);
        }
        using var message = new MailMessage(o.From, to, subject, htmlBody) { IsBodyHtml = true };
        await client.SendMailAsync(message);
    }
}

/// <summary>The account emails, in our own words. Links are HTML-encoded by the caller's encoder.</summary>
public sealed class AccountEmails(IMailTransport transport) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        transport.SendAsync(email, "Confirm your email for Attune", Wrap(user,
            "Thanks for joining Attune. Please confirm this is your email address so we can reach you if you ever need to reset your password.",
            confirmationLink, "Confirm my email"));

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        transport.SendAsync(email, "Reset your Attune password", Wrap(user,
            "Someone (hopefully you) asked to reset the password for this account. The link works for a limited time. If it wasn't you, you can ignore this message; nothing changes.",
            resetLink, "Choose a new password"));

    /// <summary>
    /// Someone tried to register an address that already has an account. Telling its owner (rather than nobody) is
    /// also what makes registering a known address take as long as registering a new one.
    /// </summary>
    public Task SendAlreadyRegisteredAsync(AppUser user, string signInLink, string resetLink) =>
        transport.SendAsync(user.Email!, "You already have an Attune account", Wrap(user,
            "Someone (hopefully you) tried to create an Attune account with this address, but it already has one. "
            + $"You can sign in as usual, or <a href=\"{WebUtility.HtmlEncode(resetLink)}\">choose a new password</a> if you've forgotten it. "
            + "If it wasn't you, you can ignore this message; nothing has changed.",
            signInLink, "Sign in to Attune"));

    /// <summary>An administrator's invitation to create an account.</summary>
    public Task SendInvitationAsync(string email, string link, DateTime expiresAt) =>
        transport.SendAsync(email, "You're invited to Attune",
            "<p>Hi there,</p><p>You've been invited to create an account on Attune, a quiet place to notice how you feel and, if you like, "
            + $"share it with people you trust. The link works once, until {expiresAt.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} (UTC).</p>"
            + $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Create my account</a></p><p>Warmly,<br>Attune</p>");

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        transport.SendAsync(email, "Your Attune reset code", Wrap(user,
            $"Your password reset code is {WebUtility.HtmlEncode(resetCode)}.", null, null));

    private static string Wrap(AppUser user, string text, string? link, string? linkText)
    {
        var name = WebUtility.HtmlEncode(string.IsNullOrWhiteSpace(user.DisplayName) ? "there" : user.DisplayName);
        var button = link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{linkText}</a></p>";
        return $"<p>Hi {name},</p><p>{text}</p>{button}<p>Warmly,<br>Attune</p>";
    }
}
