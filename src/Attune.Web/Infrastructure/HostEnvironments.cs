namespace Attune.Web.Infrastructure;

public static class HostEnvironments
{
    /// <summary>The environment the HTTP and browser tests run in.</summary>
    public const string Testing = "Testing";

    /// <summary>Development or the tests: a machine of one's own, where links may follow the request's address.</summary>
    public static bool IsLocal(this IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(Testing);
}
