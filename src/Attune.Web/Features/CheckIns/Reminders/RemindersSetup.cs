using Attune.Web.Infrastructure;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.CheckIns.Reminders;

public static class RemindersSetup
{
    public static IServiceCollection AddAttuneReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section)
            .Validate(o => o.VapidSubject is null || IsVapidSubject(o.VapidSubject), "Reminders:VapidSubject must start with mailto: or https:.")
            .ValidateOnStart();
        services.AddSingleton<VapidKeys>();
        services.AddScoped<ReminderSettings>();
        services.AddScoped<PushDevices>();
        services.AddScoped<ReminderSender>();
        services.AddScoped<PushMessages>();
        services.AddScoped<CalendarFeed>();
        services.AddHostedService<ReminderService>();
        // One client for the app's life: it holds a connection pool. No redirects: a push goes where the browser said.
        services.AddSingleton(sp =>
        {
            var keys = sp.GetRequiredService<VapidKeys>();
            var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            return new PushServiceClient(http)
            {
                DefaultAuthentication = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = Subject(sp) },
                DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
                DefaultTimeToLive = ReminderSender.TimeToLiveSeconds,
                AutoRetryAfter = false,
            };
        });
        services.AddSecretPathRedaction();
        return services;
    }

    /// <summary>Who push services can contact about this server's pushes: configured, the public https address, or the mail sender.</summary>
    private static string Subject(IServiceProvider sp)
    {
        if (sp.GetRequiredService<IOptions<ReminderOptions>>().Value.VapidSubject is { Length: > 0 } configured)
        {
            return configured;
        }
        var publicUrl = sp.GetRequiredService<IOptions<AttuneOptions>>().Value.PublicBaseUrl;
        return publicUrl is not null && publicUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? publicUrl
            : "mailto:" + sp.GetRequiredService<IOptions<SmtpOptions>>().Value.From;
    }

    private static bool IsVapidSubject(string subject) =>
        subject.StartsWith("mailto:", StringComparison.Ordinal) || subject.StartsWith("https:", StringComparison.Ordinal);
}
