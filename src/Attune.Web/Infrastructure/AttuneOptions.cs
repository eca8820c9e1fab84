using System.ComponentModel.DataAnnotations;

namespace Attune.Web.Infrastructure;

/// <summary>Where Attune keeps its files: the SQLite database and the Data Protection keys.</summary>
public sealed class AttuneOptions
{
    public const string Section = "Attune";

    /// <summary>Relative paths resolve against the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The public base address used in links inside emails, e.g. https://attune.example.org.</summary>
    public string? PublicBaseUrl { get; set; }

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory, Directory.GetCurrentDirectory());
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public sealed class SmtpOptions
{
    public const string Section = "Email:Smtp";

    /// <summary>When empty, mail goes to the development outbox instead.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [EmailAddress]
    public string From { get; set; } = "attune@localhost";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
