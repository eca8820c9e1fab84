using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Therapists.Pages;

/// <summary>
/// A therapist's page: for anyone who is not a therapist right now (asked of the database on every request) it does not
/// exist, the same 404 as any unknown address. Nothing here is cached by the browser.
/// </summary>
public abstract class TherapistPageModel(AttuneDb db) : PageModel
{
    protected AttuneDb Db { get; } = db;

    protected Guid Me => User.UserId();

    public string? Zone { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!await TherapistRoles.IsTherapistAsync(Db, Me, HttpContext.RequestAborted))
        {
            context.Result = NotFound();
            return;
        }
        Response.Headers.CacheControl = "no-store";
        Zone = await TimeZones.OfUserAsync(Db, Me, HttpContext.RequestAborted);
        await next();
    }

    public string Date(DateTime at) => TimeZones.Format(at, Zone);

    public string Day(DateTime at) => TimeZones.FormatAs(at, Zone, "d MMM yyyy");
}
