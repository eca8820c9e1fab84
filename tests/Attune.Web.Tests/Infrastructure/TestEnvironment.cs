using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>What the test script (<c>./test.sh</c>) has made available to the tests.</summary>
public static class TestEnvironment
{
    /// <summary>PBKDF2 iterations for the test apps' password hashes (<see cref="UseTestPasswordCost"/>).</summary>
    public const int PasswordIterations = 1_000;

    /// <summary>
    /// Makes a test app hash passwords at <see cref="PasswordIterations"/>. The product's 210,000 cost about 0.13 s of CPU
    /// per hash, and the suites create and sign in thousands of people on two cores; the algorithm and the stored format
    /// stay the same. Tests of the cost itself (the stored count, equal timing for known and unknown addresses) keep the
    /// product's.
    /// </summary>
    public static void UseTestPasswordCost(IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordIterations);

    /// <summary>Name of the variable holding an admin connection string to a throw-away PostgreSQL server.</summary>
    public const string PostgresVariable = "ATTUNE_TEST_POSTGRES";

    /// <summary>Admin connection string (database <c>postgres</c>), or null when no server was started.</summary>
    public static string? PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool PostgresAvailable => PostgresAdminConnectionString is not null;

    /// <summary>Name of the variable by which a person says on purpose that this run goes without PostgreSQL.</summary>
    public const string SkipPostgresVariable = "ATTUNE_SKIP_POSTGRES";

    /// <summary>True when <c>ATTUNE_SKIP_POSTGRES=1</c>: missing PostgreSQL is then a choice, not a broken set-up.</summary>
    public static bool PostgresOptedOut => Environment.GetEnvironmentVariable(SkipPostgresVariable) == "1";

    /// <summary>True on CI, where missing infrastructure must fail rather than skip.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Name of the variable holding the address of a throw-away Redis (<c>127.0.0.1:port</c>) that test.sh started.</summary>
    public const string RedisVariable = "ATTUNE_TEST_REDIS";

    /// <summary>The Redis connection string for the multi-node tests, or null when none was started.</summary>
    public static string? Redis => Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } value ? value : null;

    /// <summary>True when <c>ATTUNE_SKIP_REDIS=1</c>: missing Redis is then a choice, not a broken set-up.</summary>
    public static bool RedisOptedOut => Environment.GetEnvironmentVariable("ATTUNE_SKIP_REDIS") == "1";
}
