using Attune.Web.Features.Export;

namespace Attune.Web.Features.Together;

public static class TogetherSetup
{
    public static IServiceCollection AddAttuneTogether(this IServiceCollection services)
    {
        services.AddScoped<Partners>();
        services.AddScoped<PartnerStates>();
        services.AddScoped<Breaks>();
        services.AddScoped<Repairs>();
        services.AddScoped<Rituals>();
        services.AddScoped<TogetherInsights>();
        services.AddScoped<TogetherSettings>();
        services.AddExportStream<TogetherExport>();
        services.AddHostedService<BreakReminderService>();
        return services;
    }
}
