namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// A fact that is reported as skipped when PostgreSQL is unavailable, except on CI where it runs
/// (and fails) so that PostgreSQL coverage cannot disappear unnoticed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresCoverageFactAttribute : FactAttribute
{
    public PostgresCoverageFactAttribute()
    {
        if (!TestEnvironment.PostgresAvailable && !TestEnvironment.IsCi)
        {
            Skip = $"{TestEnvironment.PostgresVariable} is not set: the Postgres cases of provider theories did not run. Use ./test.sh to run them.";
        }
    }
}
