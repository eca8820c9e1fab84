using System.ComponentModel.DataAnnotations;

namespace Attune.Web.Infrastructure;

/// <summary>Where Attune keeps its files: the SQLite database and the Data Protection keys.</summary>
public sealed class AttuneOptions
{
    public const string Section = "Attune";

    /// <summary>Relative paths resolve against the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// The address people use to reach this instance, e.g. https://attune.example.org. Every link in an email is
    /// built from it, never from the request's Host header, and only its host is accepted when AllowedHosts is not set.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Who may create an account: <c>open</c>, <c>invite</c> (only with an administrator's invitation link) or
    /// <c>closed</c>. Unset: open in Development and the tests, invite anywhere else. The first account on an empty
    /// instance may always register, and becomes its administrator.
    /// </summary>
    public string? Registration { get; set; }

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory, Directory.GetCurrentDirectory());

    /// <summary>The folder of the Data Protection keys inside the data folder.</summary>
    public string ResolveKeyDirectory() => Path.Combine(ResolveDataDirectory(), "keys");

    /// <summary><see cref="PublicBaseUrl"/> as an address without a trailing slash, or null when it is not set or not valid.</summary>
    public Uri? PublicBaseUri => ParseBaseUrl(PublicBaseUrl);

    /// <summary>An absolute http(s) address without query or fragment; null otherwise.</summary>
    public static Uri? ParseBaseUrl(string? value) =>
        Uri.TryCreate(value?.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;
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

    /// <summary>
    /// When true, batches of new check-ins wait for the disk like every other write (SQLite synchronous=FULL,
    /// PostgreSQL synchronous_commit on), surviving a power cut at the cost of the write latency
    /// (docs/decisions/0021-check-in-commits.md). By default they do not.
    /// </summary>
    public bool DurableCheckInCommits { get; set; }
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
