namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// A theory that needs the Redis test.sh starts (<c>ATTUNE_TEST_REDIS</c>). Like PostgreSQL, a missing Redis fails
/// the test (on CI always); only an explicit <c>ATTUNE_SKIP_REDIS=1</c> outside CI reports it as skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisTheoryAttribute : TheoryAttribute
{
    public RedisTheoryAttribute() => Skip = TestRedis.SkipReason;
}

/// <summary>A fact that needs Redis, skipped or failed as <see cref="RedisTheoryAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() => Skip = TestRedis.SkipReason;
}

/// <summary>The Redis that test.sh started, shared by all tests (every key they touch carries a fresh id).</summary>
public static class TestRedis
{
    public static string Configuration => TestEnvironment.Redis
        ?? throw new InvalidOperationException($"{TestEnvironment.RedisVariable} is not set; run the tests through ./test.sh.");

    /// <summary>Why a test that needs Redis is skipped, or null when it runs (and fails if Redis is missing).</summary>
    internal static string? SkipReason =>
        TestEnvironment.Redis is null && TestEnvironment.RedisOptedOut && !TestEnvironment.IsCi
            ? "ATTUNE_SKIP_REDIS=1: Redis was left out on purpose, so the multi-node tests did not run."
            : null;
}
