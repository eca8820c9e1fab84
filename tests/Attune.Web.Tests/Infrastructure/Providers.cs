namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// Theory data for data tests: SQLite always, PostgreSQL only when the test script started one.
/// Use as <c>[Theory, ClassData(typeof(Providers))]</c>.
/// </summary>
/// <remarks>
/// xUnit 2 cannot skip one row of a theory, so the PostgreSQL row is left out when no server is
/// available; <see cref="PostgresCoverageTests"/> makes that visible (skipped locally, failed on CI).
/// </remarks>
public sealed class Providers : TheoryData<DatabaseProvider>
{
    public Providers()
    {
        Add(DatabaseProvider.Sqlite);
        if (TestEnvironment.PostgresAvailable)
        {
            Add(DatabaseProvider.Postgres);
        }
    }
}
