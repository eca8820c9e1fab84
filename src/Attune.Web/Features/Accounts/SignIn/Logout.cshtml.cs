using Attune.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.SignIn;

/// <summary>Signing out is a POST (a link or an image cannot sign someone out); GET only asks.</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, AttuneDb db, TimeProvider clock) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await AccountFlows.SignOutAsync(signIn, HttpContext, db, clock);
        TempData["StatusMessage"] = "You're signed out. Take care.";
        return RedirectToPage("/Accounts/SignIn/Login");
    }
}
