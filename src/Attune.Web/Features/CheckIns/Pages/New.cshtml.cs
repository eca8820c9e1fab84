using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.CheckIns.Pages;

/// <summary>
/// "How am I feeling right now?" Without JavaScript, one form; with it, three taps (state, corner, word), and
/// a check-in made offline waits on the device (client/src/checkin/).
/// </summary>
public sealed class NewModel(AttuneDb db, Access access, CheckIns checkIns) : CheckInPage(db, access, checkIns)
{
    public async Task OnGetAsync(CancellationToken cancel)
    {
        Form = new CheckInForm
        {
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            Visibility = await CheckIns.DefaultVisibilityAsync(User.UserId(), cancel) == CheckInVisibility.Shared ? "shared" : "private",
        };
        await LoadFieldsAsync(cancel);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        var saved = await SaveAsync(request => CheckIns.CreateAsync(User.UserId(), request, cancel), cancel);
        return saved is null ? Page() : Saved(saved, "Checked in. Thank you for pausing to notice.");
    }
}
