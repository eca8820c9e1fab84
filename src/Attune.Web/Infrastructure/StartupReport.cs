using System.Text;
using Attune.Web.Data;
using Microsoft.Extensions.Options;

namespace Attune.Web.Infrastructure;

/// <summary>
/// One block in the start-up log that says what this instance is set up with and what is missing, so a
/// self-hoster reading <c>journalctl -u attune</c> sees at once where mail goes and where the data is.
/// </summary>
public static class StartupReport
{
    public const string Category = "Attune.Startup";

    public static void LogStartupReport(this WebApplication app)
    {
        var attune = app.Services.GetRequiredService<IOptions<AttuneOptions>>().Value;
        var smtp = app.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var database = app.Services.GetRequiredService<DatabaseConnection>();
        var environment = app.Environment;
        var keys = attune.ResolveKeyDirectory();
        var keyCount = Directory.Exists(keys) ? Directory.EnumerateFiles(keys, "*.xml").Count() : 0;

        var report = new StringBuilder("Attune is configured as follows:");
        report.Append("\n  environment:    ").Append(environment.EnvironmentName);
        report.Append("\n  mail:           ").Append(smtp.IsConfigured
            ? $"SMTP via {smtp.Host}:{smtp.Port} ({(smtp.EnableSsl ? "TLS" : "no TLS")}), from {smtp.From}"
            : environment.IsDevelopment()
                ? "development outbox at /dev/outbox (no Email:Smtp:Host set: no email leaves this machine)"
                : "not set up (no Email:Smtp:Host): confirmation and reset emails are not sent to anyone");
        report.Append("\n  public address: ").Append(attune.PublicBaseUri is { } publicBase
            ? $"{publicBase} (links in emails use it; other host names are refused)"
            : "not set: links use the request's address, fine on this machine, not behind a proxy (set Attune:PublicBaseUrl)");
        report.Append("\n  data folder:    ").Append(attune.ResolveDataDirectory());
        report.Append("\n  key folder:     ").Append(keys).Append(keyCount switch
        {
            0 => " (no keys yet: made on first use; back this folder up with the database)",
            1 => " (1 key)",
            _ => $" ({keyCount} keys)",
        });
        report.Append("\n  content root:   ").Append(environment.ContentRootPath)
            .Append(Directory.Exists(Path.Combine(environment.ContentRootPath, "wwwroot")) || environment.IsDevelopment()
                ? ""
                : " (no wwwroot here: stylesheets and scripts will be missing; set --contentRoot to the folder of Attune.Web.dll)");
        report.Append("\n  database:       ").Append(DatabaseSetup.Describe(database));
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category).LogInformation("{Report}", report.ToString());
    }
}
