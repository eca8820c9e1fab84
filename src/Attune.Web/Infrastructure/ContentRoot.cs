namespace Attune.Web.Infrastructure;

/// <summary>
/// Where Attune finds wwwroot and appsettings.json. The framework takes the working directory, which breaks a
/// service whose WorkingDirectory is its data folder (every stylesheet a 404, appsettings.json not read); so
/// unless a content root is configured, a published app uses its own folder.
/// </summary>
public static class ContentRoot
{
    /// <summary>Null to leave the framework's choice (configured, or the working directory); otherwise the app's folder.</summary>
    public static string? Choose(string[] args)
    {
        var configured = new ConfigurationBuilder().AddCommandLine(args).Build()[WebHostDefaults.ContentRootKey]
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") ?? Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT");
        if (!string.IsNullOrEmpty(configured))
        {
            return null;
        }
        var own = AppContext.BaseDirectory;
        // A published app has wwwroot beside Attune.Web.dll. A build output has not (Development serves the
        // source's wwwroot through the static web assets manifest): there, `dotnet run` starts in the project
        // folder, which holds appsettings.json and wwwroot, and stays the content root.
        if (Directory.Exists(Path.Combine(own, "wwwroot")))
        {
            return own;
        }
        return File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) ? null : own;
    }
}
