using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Dev;

/// <summary>
/// Every shared component on one page, for designing and for browser tests. Development only:
/// elsewhere it is a 404. <c>?shell=bare</c> shows a sign-in form in <c>_AuthLayout</c>.
/// </summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class StyleguideModel(IWebHostEnvironment environment) : PageModel
{
    public bool Bare { get; private set; }

    public IActionResult OnGet(string? shell)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        Bare = shell == "bare";
        TempData["StatusMessage"] = "Your changes are saved.";
        return Page();
    }
}
