namespace Attune.Web.Infrastructure;

public static class LogFilters
{
    /// <summary>
    /// Log lines must never carry a secret: request lines ("Request starting GET /account/confirm-email?code=…")
    /// would print confirmation and reset codes and any secret in an address, and Razor Pages' trace lines print
    /// handler arguments. These floors hold whatever the configuration says (even without appsettings.json); the
    /// reverse proxy keeps an access log if one is wanted.
    /// </summary>
    public static ILoggingBuilder AddAttuneLogFilters(this ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.PageActionInvoker", LogLevel.Debug);
}
