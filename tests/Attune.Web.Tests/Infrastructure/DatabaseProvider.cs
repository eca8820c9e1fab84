namespace Attune.Web.Tests.Infrastructure;

/// <summary>The database engines the app supports; values match the <c>Database:Provider</c> setting.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
