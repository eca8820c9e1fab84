using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Attune.Web.Features.Therapists;

/// <summary>The caller holds the therapist role now (asked of the database on every request, never the cookie).</summary>
public sealed record TherapistRequirement : IAuthorizationRequirement;

public sealed class TherapistHandler(AttuneDb db) : AuthorizationHandler<TherapistRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TherapistRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && await TherapistRoles.IsTherapistAsync(db, context.User.UserId()))
        {
            context.Succeed(requirement);
        }
    }
}

public static class TherapistsSetup
{
    public static IServiceCollection AddAttuneTherapists(this IServiceCollection services)
    {
        services.AddScoped<IAuthorizationHandler, TherapistHandler>();
        services.AddScoped<TherapistRoles>();
        services.AddScoped<TherapyLinks>();
        services.AddScoped<HomeworkPlans>();
        services.AddScoped<ClientDashboards>();
        services.AddScoped<TherapyNotes>();
        services.AddScoped<SessionReports>();
        services.AddScoped<SampleCaseload>();
        services.AddScoped<InSession.InSessionConsents>();
        services.AddScoped<InSession.InSessionViews>();
        return services;
    }
}
