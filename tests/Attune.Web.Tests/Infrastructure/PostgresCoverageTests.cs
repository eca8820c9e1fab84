namespace Attune.Web.Tests.Infrastructure;

public sealed class PostgresCoverageTests
{
    [PostgresCoverageFact]
    public void Postgres_is_available_for_provider_theories()
    {
        Assert.True(
            TestEnvironment.PostgresAvailable,
            $"{TestEnvironment.PostgresVariable} is not set, so no test ran against PostgreSQL. ./test.sh starts a server and sets it"
            + (TestEnvironment.IsCi
                ? "; on CI PostgreSQL is required."
                : $"; to run without PostgreSQL on purpose, set {TestEnvironment.SkipPostgresVariable}=1."));
    }
}
