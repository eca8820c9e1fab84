using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Attune.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>One browser: a cookie jar, forms posted with the antiforgery token the page rendered.</summary>
public sealed partial class Browser(AttuneWebFactory factory, HttpClient client) : IDisposable
{
    public const string Password = "a calm river at dawn";

    public HttpClient Client { get; } = client;

    public async Task<string> GetPageAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} gave {(int)response.StatusCode}: {html}");
        return html;
    }

    /// <summary>Loads the page for its antiforgery token, then posts the form fields to it (or to one of its handlers).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IDictionary<string, string> fields, string? handler = null)
    {
        var html = await GetPageAsync(pageUrl);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(html) };
        var target = handler is null ? pageUrl : $"{pageUrl}{(pageUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";
        return await Client.PostAsync(target, new FormUrlEncodedContent(form));
    }

    public static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(TokenInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page:\n" + html));

    public async Task<bool> IsSignedInAsync()
    {
        using var response = await Client.GetAsync("/settings");
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Registers through the API and confirms with the emailed link; returns the email.</summary>
    public async Task<string> RegisterConfirmedAsync(string? email = null)
    {
        email ??= $"person-{Guid.NewGuid():N}@example.org";
        using var register = await Client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "River", timeZone = "Europe/Berlin" });
        Assert.Equal(HttpStatusCode.Accepted, register.StatusCode);
        using var confirm = await Client.GetAsync(LinkInLatestEmailTo(email));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/account/login", confirm.Headers.Location?.OriginalString);
        return email;
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password = Password) =>
        SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public async Task<string> RegisterAndSignInAsync()
    {
        var email = await RegisterConfirmedAsync();
        using var response = await SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return email;
    }

    /// <summary>The path and query of the first link in the newest email to that address.</summary>
    public string LinkInLatestEmailTo(string email) => new Uri(FullLinkInLatestEmailTo(email)).PathAndQuery;

    /// <summary>The first link in the newest email to that address, as written in the email.</summary>
    public string FullLinkInLatestEmailTo(string email)
    {
        var message = factory.Services.GetRequiredService<DevOutbox>().LatestTo(email) ?? throw new InvalidOperationException($"No email to {email}.");
        return WebUtility.HtmlDecode(Href().Match(message.HtmlBody).Groups[1].Value);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}

public static partial class OutboxLinks
{
    /// <summary>The first link of the <paramref name="index"/>-th email ever sent to that address (0 is the first).</summary>
    public static string GetOutboxLink(this IServiceProvider services, string email, int index)
    {
        var message = services.GetRequiredService<DevOutbox>().Newest().Where(m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase)).Reverse().ElementAt(index);
        return WebUtility.HtmlDecode(Href().Match(message.HtmlBody).Groups[1].Value);
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
