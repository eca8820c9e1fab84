using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Errors;

/// <summary>
/// The friendly page for every error status. It shows no internals, works signed out, and must never fail
/// itself, so it uses nothing but the status code. Re-executed POSTs reach it too, hence no antiforgery check.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel : PageModel
{
    public int Status { get; private set; }

    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private bool StorageFull() =>
        HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is not { } error || Infrastructure.ErrorStatus.IsStorageFull(error);

    private void Describe(int? code)
    {
        // Re-executed errors arrive with their status already set; a visit to /errors/404 takes it from the route.
        Status = Response.StatusCode >= 400 ? Response.StatusCode : code is >= 400 and <= 599 ? code.Value : 404;
        Response.StatusCode = Status;
        (Heading, Message) = Status switch
        {
            400 => ("Something about that request didn't look right", "Please go back and try again. If a form was involved, reloading it first often helps."),
            401 or 403 => ("That page isn't available to you", "You may need to sign in, or this belongs to someone else's account."),
            404 or 410 => ("We couldn't find that page", "The link may be old, or the address may have a typo. Nothing is wrong with your account."),
            405 => ("That didn't work from here", "Please go back and use the buttons on the page."),
            413 => ("That was too large to send", "Please try something smaller."),
            429 => ("Let's pause for a moment", "There were a lot of requests in a short time. Please wait a minute and try again."),
            503 when !StorageFull() => ("We can't save anything just now", "The database can't be reached for a moment (it may be restarting), so nothing was changed. Please try again in a minute; if it keeps happening, let whoever runs this Attune know."),
            503 => ("We can't save anything just now", "The server has run out of room to store things, so nothing was changed. Please try again later; if it keeps happening, let whoever runs this Attune know."),
            >= 500 => ("Something went wrong on our side", "It's not something you did. Please try again in a moment; if it keeps happening, let whoever runs this Attune know."),
            _ => ("Something didn't work", "Please go back and try again."),
        };
    }
}
