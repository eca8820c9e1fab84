using Attune.Web.Features.Accounts;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Attune.Web.Features.Demo;

/// <summary>Explains the demo, then makes one and signs the visitor into it.</summary>
[EnableRateLimiting(RateLimits.Auth)]
public sealed class TryDemoModel(Demos demos, Therapists.SampleCaseload caseload, SignInManager<AppUser> signIn, Admin.Instance instance) : PageModel
{
    [BindProperty]
    public string? TimeZone { get; set; }

    /// <summary>A demo is an account anyone can make, so it exists only where anyone may register.</summary>
    public IActionResult OnGet() => instance.Registration == Admin.RegistrationMode.Open ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (instance.Registration != Admin.RegistrationMode.Open)
        {
            return NotFound();
        }
        var user = await demos.CreateAsync(TimeZone, cancel);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/checkins");
    }

    /// <summary>A demo therapist with a sample caseload, for a first look at the therapist's pages.</summary>
    public async Task<IActionResult> OnPostTherapistAsync(CancellationToken cancel)
    {
        if (instance.Registration != Admin.RegistrationMode.Open)
        {
            return NotFound();
        }
        var user = await caseload.CreateAsync(TimeZone, cancel);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/therapist");
    }
}
