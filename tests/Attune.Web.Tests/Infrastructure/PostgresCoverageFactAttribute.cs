namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// A fact that runs, and so fails, when PostgreSQL is unavailable, so that PostgreSQL coverage cannot disappear
/// unnoticed. Only an explicit opt-out (<c>ATTUNE_SKIP_POSTGRES=1</c>) outside CI reports it as skipped instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresCoverageFactAttribute : FactAttribute
{
    public PostgresCoverageFactAttribute()
    {
        if (!TestEnvironment.PostgresAvailable && TestEnvironment.PostgresOptedOut && !TestEnvironment.IsCi)
        {
            Skip = $"{TestEnvironment.SkipPostgresVariable}=1: PostgreSQL was left out on purpose, so the Postgres cases of provider theories did not run.";
        }
    }
}
