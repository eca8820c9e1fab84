using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Attune.Web.Infrastructure;

/// <summary>
/// Whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the app believes (section <c>ForwardedHeaders</c>;
/// docs/decisions/0025-late-nodes-and-trusted-proxies.md). Loopback always; beside it the addresses in
/// <c>ForwardedHeaders:KnownProxies</c> and the ranges in <c>ForwardedHeaders:KnownNetworks</c>, each a list separated by
/// <c>;</c> or <c>,</c> (or an array in appsettings.json). From anyone else the headers are ignored, so a client cannot
/// choose the address the sign-in throttle and the rate limits count it under.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    public static void AddAttuneTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = List(configuration, "KnownProxies").Select(Address).ToList();
        var networks = List(configuration, "KnownNetworks").Select(Network).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults (127.0.0.0/8 and ::1) stay: a proxy on this machine is as trusted as the machine.
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
            // One proxy in front: the last X-Forwarded-For entry is the address nginx saw; whatever the client wrote before it is not read.
            o.ForwardLimit = 1;
        });
    }

    /// <summary>The values of <c>ForwardedHeaders:<paramref name="key"/></c>: one separated string, or an array's items.</summary>
    private static IEnumerable<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection($"{Section}:{key}");
        var values = section.Value is { } one ? [one] : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static IPAddress Address(string value) =>
        IPAddress.TryParse(value, out var address)
            ? address
            : throw new StartupFailure($"{Section}:KnownProxies holds \"{value}\", which is not an IP address. Use the proxy's address as the nodes see it, e.g. 10.0.0.2.");

    private static System.Net.IPNetwork Network(string value) =>
        System.Net.IPNetwork.TryParse(value, out var network)
            ? network
            : throw new StartupFailure($"{Section}:KnownNetworks holds \"{value}\", which is not an address range. Use CIDR notation, e.g. 10.0.0.0/24.");
}
