namespace Attune.Web.Infrastructure;

public static class DataProtectionSetup
{
    /// <summary>
    /// The framework's hosted service that loads the Data Protection key ring at start-up only to warm it.
    /// A test checks the type still exists, so a rename cannot make <see cref="RemoveKeyRingWarmUp"/> a silent no-op.
    /// </summary>
    public const string WarmUpService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>
    /// Drops the key-ring warm-up: the ring loads on first use anyway, and not warming it keeps the XML and
    /// key-ring code out of a fresh process (docs/performance.md, Web app). Call it last before building,
    /// because several framework Add* calls register the service again.
    /// </summary>
    public static void RemoveKeyRingWarmUp(this IServiceCollection services)
    {
        foreach (var warmUp in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == WarmUpService).ToList())
        {
            services.Remove(warmUp);
        }
    }
}
