using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Attune.Web.Infrastructure;

/// <summary>
/// The instance's public address (<c>Attune:PublicBaseUrl</c>): links in emails are built from it, and requests for
/// any other host are refused, so a forged Host or X-Forwarded-Host header cannot put an attacker's address into
/// a password-reset email.
/// </summary>
public static class PublicAddress
{
    /// <summary>Host names that stay allowed beside the public one: probes and administrators on the machine itself.</summary>
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Checks the setting and restricts allowed hosts to it when <c>AllowedHosts</c> is not configured. Outside
    /// Development and the tests, a server that sends real email must have it: without it, links would follow
    /// whatever address a request claims.
    /// </summary>
    public static void AddAttunePublicAddress(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{AttuneOptions.Section}:{nameof(AttuneOptions.PublicBaseUrl)}"];
        var publicBase = AttuneOptions.ParseBaseUrl(configured);
        if (!string.IsNullOrWhiteSpace(configured) && publicBase is null)
        {
            throw new StartupFailure($"Attune:PublicBaseUrl is \"{configured}\", which is not an absolute http or https address. "
                + "Set it to the address people use, like https://attune.example.org (appsettings.json or the Attune__PublicBaseUrl environment variable).");
        }
        var smtp = builder.Configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>();
        if (publicBase is null && smtp?.IsConfigured == true && !builder.Environment.IsLocal())
        {
            throw new StartupFailure("Email is configured (Email:Smtp:Host) but Attune:PublicBaseUrl is not, so links in emails would follow whatever "
                + "address a request claims to be for. Set Attune:PublicBaseUrl (or the Attune__PublicBaseUrl environment variable) to the "
                + "address people use, like https://attune.example.org.");
        }
        if (publicBase is not null && string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            // Runs after the framework's own PostConfigure, which fills in "*" when AllowedHosts is not set.
            builder.Services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = [publicBase.IdnHost, .. LoopbackHosts]);
        }
    }
}

/// <summary>Absolute links for emails: from <c>Attune:PublicBaseUrl</c> when set, else from the request (Development, tests).</summary>
public sealed class PublicLinks(LinkGenerator links, IOptions<AttuneOptions> options)
{
    public string ToPage(HttpContext http, string page, object values)
    {
        if (options.Value.PublicBaseUri is { } publicBase)
        {
            var path = links.GetPathByPage(page, handler: null, values: values, pathBase: new PathString(publicBase.AbsolutePath.TrimEnd('/')))
                ?? throw new InvalidOperationException($"The page {page} has no route.");
            return publicBase.GetLeftPart(UriPartial.Authority) + path;
        }
        return links.GetUriByPage(http, page, handler: null, values: values)
            ?? throw new InvalidOperationException($"The page {page} has no route.");
    }
}
