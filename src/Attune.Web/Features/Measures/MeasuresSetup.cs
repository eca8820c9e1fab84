using Attune.Web.Features.Export;
using Attune.Web.Features.Integration;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Measures;

public static class MeasuresSetup
{
    /// <summary>The measures and integration services and the crisis resources (section <c>Crisis</c>), checked at start-up.</summary>
    public static IServiceCollection AddAttuneMeasures(this IServiceCollection services)
    {
        services.AddScoped<Measures>();
        services.AddScoped<IntegrationReflections>();
        services.AddExportStream<MeasuresExport>();
        services.AddExportStream<IntegrationReflectionsExport>();
        services.AddOptions<CrisisOptions>().BindConfiguration(CrisisOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CrisisOptions>, CrisisOptionsValidation>();
        return services;
    }
}
