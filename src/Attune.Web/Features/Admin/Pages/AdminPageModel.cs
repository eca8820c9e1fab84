using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Admin.Pages;

/// <summary>
/// An administration page: for anyone who is not an administrator right now (asked of the database on every request)
/// it does not exist, the same 404 as any unknown address.
/// </summary>
public abstract class AdminPageModel(AttuneDb db) : PageModel
{
    protected AttuneDb Db { get; } = db;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!await Instance.IsAdminAsync(Db, User.UserId(), HttpContext.RequestAborted))
        {
            context.Result = NotFound();
            return;
        }
        Response.Headers.CacheControl = "no-store";
        await next();
    }
}
