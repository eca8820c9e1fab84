using System.Text;
using Attune.Web.Data;
using Attune.Web.Features.Admin;
using Microsoft.Extensions.Options;

namespace Attune.Web.Infrastructure;

/// <summary>
/// One block in the start-up log that says what this instance is set up with and what is missing, so a
/// self-hoster reading <c>journalctl -u attune</c> sees at once where mail goes, where the data is, who may register
/// and whether anyone looks after the instance yet. The administration page shows the same lines.
/// </summary>
public static class StartupReport
{
    public const string Category = "Attune.Startup";

    public static async Task LogStartupReportAsync(this WebApplication app)
    {
        var report = new StringBuilder("Attune is configured as follows:");
        foreach (var (setting, value) in await LinesAsync(app.Services))
        {
            report.Append("\n  ").Append((setting + ":").PadRight(16)).Append(value);
        }
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category).LogInformation("{Report}", report.ToString());
    }

    /// <summary>One (setting, what it is and what is missing) pair per line, in a fixed order.</summary>
    public static async Task<IReadOnlyList<(string Setting, string Value)>> LinesAsync(IServiceProvider services, CancellationToken cancel = default)
    {
        var attune = services.GetRequiredService<IOptions<AttuneOptions>>().Value;
        var smtp = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var database = services.GetRequiredService<DatabaseConnection>();
        var environment = services.GetRequiredService<IWebHostEnvironment>();
        var instance = services.GetRequiredService<Instance>();
        var keys = attune.ResolveKeyDirectory();
        var keyCount = Directory.Exists(keys) ? Directory.EnumerateFiles(keys, "*.xml").Count() : 0;

        int admins;
        bool unclaimed;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            admins = await Instance.AdminCountAsync(db, cancel);
            unclaimed = await Instance.IsUnclaimedAsync(db, cancel);
        }

        return
        [
            ("environment", environment.EnvironmentName),
            ("mail", smtp.IsConfigured
                ? $"SMTP via {smtp.Host}:{smtp.Port} ({(smtp.EnableSsl ? "TLS" : "no TLS")}), from {smtp.From}"
                : environment.IsDevelopment()
                    ? "development outbox at /dev/outbox (no Email:Smtp:Host set: no email leaves this machine)"
                    : "not set up (no Email:Smtp:Host): confirmation and reset emails are not sent to anyone; invite people with links from the administration page"),
            ("public address", attune.PublicBaseUri is { } publicBase
                ? $"{publicBase} (links in emails use it; other host names are refused)"
                : "not set: links use the request's address, fine on this machine, not behind a proxy (set Attune:PublicBaseUrl)"),
            ("registration", instance.Registration switch
            {
                RegistrationMode.Open => "open: anyone who reaches this site can create an account (set Attune:Registration to invite or closed to change that)",
                RegistrationMode.Invite => "by invitation: people need a link from an administrator (Attune:Registration)",
                _ => "closed: nobody can create an account; administrators can still invite (Attune:Registration)",
            }),
            ("administrator", unclaimed
                ? "none yet: the first account registered becomes the administrator, or run `admin create EMAIL` for a one-time sign-in link"
                : admins switch
                {
                    0 => "none: run `admin create EMAIL` to make one and get a one-time sign-in link",
                    1 => "1 account",
                    _ => $"{admins} accounts",
                }),
            ("data folder", attune.ResolveDataDirectory()),
            ("key folder", keys + keyCount switch
            {
                0 => " (no keys yet: made on first use; back this folder up with the database)",
                1 => " (1 key)",
                _ => $" ({keyCount} keys)",
            }),
            ("content root", environment.ContentRootPath
                + (Directory.Exists(Path.Combine(environment.ContentRootPath, "wwwroot")) || environment.IsDevelopment()
                    ? ""
                    : " (no wwwroot here: stylesheets and scripts will be missing; set --contentRoot to the folder of Attune.Web.dll)")),
            ("database", DatabaseSetup.Describe(database)),
        ];
    }
}
