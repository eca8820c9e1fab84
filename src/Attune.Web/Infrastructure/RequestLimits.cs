namespace Attune.Web.Infrastructure;

public static class RequestLimits
{
    /// <summary>Every request body is capped at 1 MiB unless an endpoint says otherwise (uploads).</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;
}
